using System.Text.Json.Nodes;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

/// <summary>
/// Paperboy's <c>/api/daily_papers</c> against real Hugging Face responses: same papers in, same shape and order out.
/// </summary>
public class HfCompatibilityTests
{
    /// <summary>
    /// Fields of Hugging Face's response that Paperboy cannot know, so leaves out (or, for thumbnail, sends as null,
    /// as Hugging Face itself does for some papers).
    /// </summary>
    private static readonly HashSet<string> Unknowable =
    [
        "[].thumbnail", "[].mediaUrls", "[].organization",
        "[].submittedBy.followerCount", "[].submittedBy.isHfAdmin", "[].submittedBy.isUserFollowing",
        "[].paper.discussionId", "[].paper.mediaUrls", "[].paper.organization", "[].paper.githubStars",
        "[].paper.githubRepoAddedBy", "[].paper.ai_summary", "[].paper.ai_keywords", "[].paper.ai_summary_model",
        // Claimed authorship links authors to Hugging Face accounts.
        "[].paper.authors[].user", "[].paper.authors[].status", "[].paper.authors[].statusLastChangedAt",
    ];

    public static TheoryData<Engine, string> Samples()
    {
        var data = new TheoryData<Engine, string>();
        foreach (var engine in TestDatabase.Engines) foreach (var day in HfRawSample.Days) data.Add(engine, day);
        return data;
    }

    [Theory, MemberData(nameof(Samples))]
    public async Task DailyPapers_SamePapersAsHuggingFace_SameShapeOrderAndUpvotes(Engine engine, string day)
    {
        var sample = HfRawSample.Load(SharedData.File($"hf-daily-papers/raw-sample/{day}.json"));
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync([.. sample.Records]);

        var ours = JsonNode.Parse(await site.GetStringAsync($"/api/daily_papers?date={day}"))!.AsArray();

        Assert.Empty(JsonShape.Differences(sample.Items, ours, Unknowable));
        Assert.Equal(Ids(sample.Items), Ids(ours));
        Assert.Equal(Upvotes(sample.Items), Upvotes(ours));
        Assert.Equal(sample.Items.Select(i => (int)i!["numComments"]!), ours.Select(i => (int)i!["numComments"]!));
        Assert.Equal(sample.Items.Select(i => (string)i!["paper"]!["submittedOnDailyAt"]!), ours.Select(i => (string)i!["paper"]!["submittedOnDailyAt"]!));
        Assert.Equal(sample.Items.Select(i => (string)i!["paper"]!["publishedAt"]!), ours.Select(i => (string)i!["paper"]!["publishedAt"]!));
    }

    private static List<string> Ids(JsonArray items) => items.Select(i => (string)i!["paper"]!["id"]!).ToList();
    private static List<int> Upvotes(JsonArray items) => items.Select(i => (int)i!["paper"]!["upvotes"]!).ToList();
}
