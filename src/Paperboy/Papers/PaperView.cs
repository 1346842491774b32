namespace Paperboy.Papers;

/// <summary>
/// A paper as the pages and the API show it: a read-only projection, never an entity, so nothing that leaves
/// the process can lazy-load or write back. <see cref="Feed"/> is null when the paper is not on the daily feed.
/// </summary>
public sealed record PaperView(
    string ArxivId, int Version, string Title, string Abstract, List<string> Authors, List<string> Categories,
    DateTime? PublishedAt, DateTime? UpdatedAt, string? Comment, string? JournalRef, string? Doi,
    string? GithubRepo, string? ProjectPage, FeedSlot? Feed)
{
    public string AbsUrl => ArxivLinks.Abs(ArxivId, Version);
    public string PdfUrl => ArxivLinks.Pdf(ArxivId, Version);

    /// <summary>The paper page; old-style ids keep their slash, which the page's catch-all route expects.</summary>
    public string PageUrl => PaperLinks.Page(ArxivId);
}

/// <summary>
/// A paper's place on the daily feed: its day, who put it there, and its counts. <see cref="Upvotes"/> and
/// <see cref="CommentCount"/> are totals: what the source reported plus what members did here. Lists never hold a
/// hidden entry; a paper's own page may (<see cref="Hidden"/>), for whoever decides what moderators see.
/// </summary>
public sealed record FeedSlot(DateOnly Day, DateTime SubmittedAt, string? SubmittedBy, string? SubmitterFullname,
    string? SubmitterAvatarUrl, int Upvotes, int CommentCount, long PaperId = 0, double Trending = 0, bool Hidden = false)
{
    /// <summary>The member who submitted it here, whose name links to their profile; null for imported entries.</summary>
    public long? SubmitterId { get; init; }
}

public static class PaperLinks
{
    public static string Page(string arxivId) => "/papers/" + arxivId;
    public static string Day(DateOnly day) => "/papers/date/" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public static string Week(DateOnly day) => FeedPeriod.Week(day).Url;
    public static string Month(DateOnly day) => FeedPeriod.Month(day).Url;
    public const string Trending = "/papers/trending";
}
