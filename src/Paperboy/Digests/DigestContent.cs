namespace Paperboy.Digests;

/// <summary>
/// What one subscriber asked for, and the links their message carries (absolute URLs, made by the caller, which
/// also makes <see cref="MessageId"/> stable so that a resend after a crash carries the same id).
/// </summary>
public sealed record DigestRecipient(string Email, bool Trending, IReadOnlyList<string> Categories, IReadOnlyList<string> Searches,
    IReadOnlyList<string> Authors, bool ForYou, string ManageUrl, string UnsubscribeUrl, string MessageId);

/// <summary>
/// The content of one digest: the period's top papers (empty when the subscriber does not take the trending digest)
/// and the alerts that found something; an alert with no new paper is left out.
/// </summary>
public sealed record DigestContent(DigestPeriod Period, IReadOnlyList<DigestPaper> Top, IReadOnlyList<DigestAlert> Alerts)
{
    /// <summary>Nothing to say: such a digest is not sent.</summary>
    public bool IsEmpty => Top.Count == 0 && Alerts.All(a => a.Papers.Count == 0);

    /// <summary>Distinct papers in the digest (a paper in the top list and in an alert counts once).</summary>
    public int PaperCount => Top.Concat(Alerts.SelectMany(a => a.Papers)).Select(p => p.ArxivId).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>
/// An alert's new papers. <see cref="Kind"/> is one of <see cref="DigestAlertKinds"/>; <see cref="Label"/> says what it
/// follows, as the reader sees it: <c>cs.CL</c>, <c>“graph neural networks”</c>, <c>Yann LeCun</c>.
/// </summary>
public sealed record DigestAlert(string Kind, string Label, IReadOnlyList<DigestPaper> Papers);

public static class DigestAlertKinds
{
    public const string Category = "category";
    public const string Search = "search";
    public const string Author = "author";
    public const string ForYou = "for you";
}

/// <summary>A paper as a digest shows it: plain text (never HTML), an excerpt of its abstract, and its page's absolute URL.</summary>
public sealed record DigestPaper(string ArxivId, string Title, IReadOnlyList<string> Authors, string Excerpt, int Upvotes, string Url);
