using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Search.Indexing;
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

    /// <summary>
    /// The other reads that answer in Hugging Face's shapes: <c>/api/papers/{id}</c> and every page of <c>/api/papers</c>
    /// give its paper object, <c>/api/papers/search</c> its list entries.
    /// </summary>
    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperListAndSearch_HaveHuggingFacesShapes(Engine engine)
    {
        var sample = HfRawSample.Load(SharedData.File("hf-daily-papers/raw-sample/2025-06-02.json"));
        await using var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?> { ["Paperboy:Search:CatchUpSeconds"] = "3600" });
        await site.SeedAsync([.. sample.Records]);
        await site.Services.GetRequiredService<SearchIndexer>().CatchUpAsync(TestContext.Current.CancellationToken);
        var paperUnknowable = Unknowable.Where(p => p.StartsWith("[].paper.", StringComparison.Ordinal))
            .Select(p => p["[].paper.".Length..]).ToHashSet();
        var byId = sample.Items.ToDictionary(i => (string)i!["paper"]!["id"]!, i => i!);

        var listed = JsonNode.Parse(await site.GetStringAsync("/api/papers?limit=100"))!.AsArray();
        foreach (var (id, item) in byId)
        {
            var one = JsonNode.Parse(await site.GetStringAsync($"/api/papers/{id}"))!;
            Assert.Empty(JsonShape.Differences(item["paper"], one, paperUnknowable));
        }
        foreach (var paper in listed) Assert.Empty(JsonShape.Differences(byId[(string)paper!["id"]!]["paper"], paper, paperUnknowable));
        var first = sample.Items[0]!;
        var found = JsonNode.Parse(await site.GetStringAsync(
            $"/api/papers/search?mode=keyword&limit=1&q={Uri.EscapeDataString("\"" + (string)first["title"]! + "\"")}"))!.AsArray();

        Assert.Equal(byId.Keys.Order(), listed.Select(p => (string)p!["id"]!).Order());
        Assert.Empty(JsonShape.Differences(new JsonArray(first.DeepClone()), found, Unknowable));
    }

    private static List<string> Ids(JsonArray items) => items.Select(i => (string)i!["paper"]!["id"]!).ToList();
    private static List<int> Upvotes(JsonArray items) => items.Select(i => (int)i!["paper"]!["upvotes"]!).ToList();
}
