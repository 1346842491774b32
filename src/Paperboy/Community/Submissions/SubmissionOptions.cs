namespace Paperboy.Community.Submissions;

/// <summary>Section <c>Paperboy:Submissions</c>.</summary>
public sealed class SubmissionOptions
{
    public const string Section = "Paperboy:Submissions";

    /// <summary>
    /// How many days after its first arXiv version a paper may still be submitted by an ordinary member, counted
    /// in whole days of the site's time zone. The feed is for new work; moderators and admins may add older papers.
    /// </summary>
    public int MaxAgeDays { get; set; } = 14;
}

/// <summary>Section <c>Paperboy:Arxiv</c>: the arXiv API, asked for a paper that is not stored yet.</summary>
public sealed class ArxivApiOptions
{
    public const string Section = "Paperboy:Arxiv";

    public string ApiUrl { get; set; } = "https://export.arxiv.org/api/query";

    /// <summary>Seconds to wait for arXiv's whole answer; the submitter is waiting on the page.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
