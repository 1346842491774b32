using System.Globalization;

namespace Paperboy.Digests;

/// <summary>The words both parts of a digest say, so the HTML and the plain text never tell different stories.</summary>
internal static class DigestWording
{
    /// <summary>Authors a paper shows before "et al.".</summary>
    public const int AuthorsShown = 5;

    public static string Subject(string siteName, DigestContent c) =>
        DigestPapers.OneLine($"{siteName} digest: {Papers(c.PaperCount)} for {c.Period.Describe()}");

    public static string Headline(DigestContent c) => $"Your digest for {c.Period.Describe()}";

    /// <summary>"12 papers: the top 10 and 2 alerts".</summary>
    public static string Summary(DigestContent c)
    {
        var parts = new List<string>();
        if (c.Top.Count > 0) parts.Add($"the top {c.Top.Count}");
        if (c.Alerts.Count > 0) parts.Add(Count(c.Alerts.Count, "alert", "alerts"));
        return $"{Papers(c.PaperCount)}: {string.Join(" and ", parts)}";
    }

    public static string TopHeading(DigestPeriod p) => p.FirstDay == p.LastDay ? "Top papers of the day" : "Top papers of the week";

    public static string Heading(DigestAlert a) => a.Kind switch
    {
        DigestAlertKinds.Category => $"New in {a.Label}",
        DigestAlertKinds.Search => $"New matches for {a.Label}",
        DigestAlertKinds.Author => $"New from {a.Label}",
        _ => a.Label,
    };

    public static string Authors(IReadOnlyList<string> authors) =>
        authors.Count <= AuthorsShown ? string.Join(", ", authors) : string.Join(", ", authors.Take(AuthorsShown)) + " et al.";

    public static string Upvotes(int n) => Count(n, "upvote", "upvotes");

    /// <summary>Why the message came, in the recipient's own terms: every kind they chose, even those empty this time.</summary>
    public static string Why(string siteName, DigestRecipient r, DigestPeriod p)
    {
        var what = new List<string>();
        if (r.Trending) what.Add(p.FirstDay == p.LastDay ? "the day's top papers" : "the week's top papers");
        if (r.Categories.Count > 0) what.Add(Count(r.Categories.Count, "category alert", "category alerts"));
        if (r.Searches.Count > 0) what.Add(Count(r.Searches.Count, "saved search", "saved searches"));
        if (r.Authors.Count > 0) what.Add(Count(r.Authors.Count, "followed author", "followed authors"));
        if (r.ForYou) what.Add("picks for you");
        var list = what.Count <= 1 ? string.Join("", what) : string.Join(", ", what.SkipLast(1)) + " and " + what[^1];
        return DigestPapers.OneLine($"You receive this because {r.Email} subscribed to {siteName}'s digest ({list}).");
    }

    private static string Papers(int n) => Count(n, "paper", "papers");

    private static string Count(int n, string one, string many) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
