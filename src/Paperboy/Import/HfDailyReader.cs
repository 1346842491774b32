using System.Globalization;
using System.Text.Json;
using static Paperboy.Import.JsonFields;

namespace Paperboy.Import;

/// <summary>
/// Reads Hugging Face daily papers: a whole <c>/api/daily_papers?date=</c> response (a JSON array of entries)
/// or JSON lines of entries, as archives keep them. Each entry gives a paper (no arXiv version: Hugging Face has
/// none) and its place on the feed.
/// </summary>
/// <remarks>
/// <para>The feed day, in order of trust:</para>
/// <list type="number">
/// <item><c>_archive_date</c>, which archives add: the day asked for.</item>
/// <item>The UTC date of <c>paper.submittedOnDailyAt</c>. In the 2024-05..2026-08 archive it equals
/// <c>_archive_date</c> for all 7,077 of 9,581 entries that have it (every entry from March 2025 on).</item>
/// <item>A yyyy-mm-dd file name, as saved whole responses are named (<c>2025-06-02.json</c>).</item>
/// <item>The UTC date of the entry's top-level <c>publishedAt</c>. Older entries (to February 2025) have no
/// <c>submittedOnDailyAt</c> and there it is the time the paper went on the feed: its UTC date equals
/// <c>_archive_date</c> for 2,089 of those 2,504 entries (83%); most others are a day early, sent after
/// 21:00 UTC for the next day. Newer entries carry the paper's arXiv time there instead, but they always
/// have <c>submittedOnDailyAt</c>, so this last guess only ever meets the older form.</item>
/// </list>
/// <para>The submitter is <c>paper.submittedOnDailyBy</c> (<c>user</c>) or else the top-level
/// <c>submittedBy</c> (<c>name</c>): where both are present they are the same user in every archived entry.</para>
/// </remarks>
public static class HfDailyReader
{
    public static IEnumerable<ImportItem> Read(InputFile file)
    {
        var fileDay = DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(file.Name.Replace(".gz", "")),
            "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        return JsonRecords.Map(JsonRecords.ArrayOrLines(file), entry => Entry(entry, fileDay));
    }

    private static PaperRecord Entry(JsonElement entry, DateOnly? fileDay)
    {
        var paper = Object(entry, "paper") ?? throw new RecordError("missing 'paper'");
        var id = ArxivIdField(paper, "id", out var version, "paper.id");
        var title = String(paper, "title", "paper.title") is { } t && !string.IsNullOrWhiteSpace(t) ? t
            : RequiredString(entry, "title", "paper.title");
        var submittedAt = Time(paper, "submittedOnDailyAt", "paper.submittedOnDailyAt");
        var day = Day(entry, "_archive_date")
            ?? (submittedAt is { } at ? DateOnly.FromDateTime(at) : fileDay)
            ?? (Time(entry, "publishedAt") is { } published ? DateOnly.FromDateTime(published)
                : throw new RecordError("no feed day: no '_archive_date', 'paper.submittedOnDailyAt' or 'publishedAt', and the file name is not a date"));

        var byUser = Object(paper, "submittedOnDailyBy", "paper.submittedOnDailyBy");
        var submitter = byUser ?? Object(entry, "submittedBy");
        var who = byUser is not null ? "paper.submittedOnDailyBy" : "submittedBy";
        return new PaperRecord
        {
            ArxivId = id,
            Version = version,
            Title = title,
            Abstract = String(paper, "summary", "paper.summary") ?? String(entry, "summary"),
            Authors = Authors(paper),
            PublishedAt = Time(paper, "publishedAt", "paper.publishedAt"),
            GithubRepo = String(paper, "githubRepo", "paper.githubRepo"),
            ProjectPage = String(paper, "projectPage", "paper.projectPage"),
            Daily = new DailyRecord
            {
                Day = day,
                SubmittedAt = submittedAt,
                SubmittedBy = submitter is { } s ? String(s, "user", $"{who}.user") ?? String(s, "name", $"{who}.name") : null,
                SubmitterFullname = submitter is { } f ? String(f, "fullname", $"{who}.fullname") : null,
                SubmitterAvatarUrl = submitter is { } a ? String(a, "avatarUrl", $"{who}.avatarUrl") : null,
                Upvotes = Int(paper, "upvotes", "paper.upvotes") ?? 0,
                CommentCount = Int(entry, "numComments") ?? 0,
            },
        };
    }

    /// <summary>Every author in order, including those marked <c>hidden</c>.</summary>
    private static List<string> Authors(JsonElement paper)
    {
        var authors = new List<string>();
        if (Array(paper, "authors", "paper.authors") is not { } items) return authors;
        foreach (var author in items)
        {
            if (author.ValueKind != JsonValueKind.Object)
                throw new RecordError($"'paper.authors[{authors.Count}]' should be an object, found {Kind(author)}");
            authors.Add(String(author, "name", "paper.authors[].name") is { } name && !string.IsNullOrWhiteSpace(name) ? name
                : throw new RecordError($"missing 'paper.authors[{authors.Count}].name'"));
        }
        return authors;
    }
}
