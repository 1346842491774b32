namespace Paperboy.Community.Trending;

/// <summary>
/// The trending score, a pure function of upvotes, comments and submission time, after Lobsters' "hotness":
/// <code>score = log10(1 + upvotes + comments / 2) + hours since 2000-01-01 / 36</code>
/// Each tenfold of points is worth 36 hours of freshness: a paper submitted a day and a half later needs a tenth
/// of the votes to rank level. Because the score does not depend on the current time, it is stored in an
/// indexed column and stays correct between recomputations; the list is "order by score descending".
/// Comments count half a vote, so that a discussion lifts a paper but a flame war alone cannot carry it.
/// </summary>
public static class TrendingScore
{
    public const double WindowHours = 36;
    public const double CommentWeight = 0.5;
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static double Compute(int upvotes, int comments, DateTime submittedAt)
    {
        var points = Math.Max(0, upvotes) + CommentWeight * Math.Max(0, comments);
        var hours = (DateTime.SpecifyKind(submittedAt, DateTimeKind.Utc) - Epoch).TotalHours;
        // Rounded so that both databases store and compare exactly the same value.
        return Math.Round(Math.Log10(1 + points) + hours / WindowHours, 9);
    }

    /// <summary>The parts of a score, for the "about ranking" page and a card's tooltip.</summary>
    public static (double Points, double Freshness) Explain(int upvotes, int comments, DateTime submittedAt)
    {
        var points = Math.Max(0, upvotes) + CommentWeight * Math.Max(0, comments);
        return (points, (DateTime.SpecifyKind(submittedAt, DateTimeKind.Utc) - Epoch).TotalHours / WindowHours);
    }
}
