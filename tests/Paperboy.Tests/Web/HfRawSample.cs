using System.Globalization;
using System.Text.Json.Nodes;
using Paperboy.Import;

namespace Paperboy.Tests.Web;

/// <summary>
/// A real <c>/api/daily_papers?date=</c> response from Hugging Face (shared/data/hf-daily-papers/raw-sample),
/// and the same papers as <see cref="PaperRecord"/>s, mapped here so these tests need no importer.
/// </summary>
public sealed record HfRawSample(DateOnly Day, JsonArray Items, List<PaperRecord> Records)
{
    public static readonly string[] Days = ["2025-03-17", "2025-06-02", "2026-08-21"];

    public static HfRawSample Load(string path)
    {
        var day = DateOnly.ParseExact(Path.GetFileNameWithoutExtension(path), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var items = (JsonArray)JsonNode.Parse(File.ReadAllText(path))!;
        return new HfRawSample(day, items, items.Select(i => ToRecord(day, i!)).ToList());
    }

    private static PaperRecord ToRecord(DateOnly day, JsonNode item)
    {
        var paper = item["paper"]!;
        var by = paper["submittedOnDailyBy"];
        return new PaperRecord
        {
            ArxivId = (string)paper["id"]!,
            Title = (string?)paper["title"],
            Abstract = (string?)paper["summary"],
            Authors = paper["authors"]!.AsArray().Select(a => (string)a!["name"]!).ToList(),
            PublishedAt = Time(paper["publishedAt"]),
            GithubRepo = (string?)paper["githubRepo"],
            ProjectPage = (string?)paper["projectPage"],
            Daily = new DailyRecord
            {
                Day = day,
                SubmittedAt = Time(paper["submittedOnDailyAt"]),
                SubmittedBy = (string?)by?["user"],
                SubmitterFullname = (string?)by?["fullname"],
                SubmitterAvatarUrl = (string?)by?["avatarUrl"],
                Upvotes = (int)paper["upvotes"]!,
                CommentCount = (int?)item["numComments"] ?? 0,
            },
        };
    }

    private static DateTime? Time(JsonNode? node) => node is null ? null
        : DateTime.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
