using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Community.Trending;

namespace Paperboy.About;

/// <summary>
/// <c>/about/ranking</c>: the trending formula in plain words, with a worked example whose numbers come from
/// <see cref="TrendingScore"/> itself, so the page cannot drift from the code.
/// </summary>
public sealed class RankingModel(TrendingOptions options) : PageModel
{
    public double RefreshMinutes => options.RefreshMinutes;

    /// <summary>Two papers a day apart: the older one has more votes, the newer one is ahead.</summary>
    public IReadOnlyList<Example> Examples { get; } =
    [
        Example.Of("Paper A", 40, 6, new DateTime(2025, 6, 2, 12, 0, 0, DateTimeKind.Utc)),
        Example.Of("Paper B", 12, 2, new DateTime(2025, 6, 3, 12, 0, 0, DateTimeKind.Utc)),
    ];

    public sealed record Example(string Name, int Upvotes, int Comments, DateTime SubmittedAt, double Points, double Freshness, double Score)
    {
        public static Example Of(string name, int upvotes, int comments, DateTime submittedAt)
        {
            var (points, freshness) = TrendingScore.Explain(upvotes, comments, submittedAt);
            return new(name, upvotes, comments, submittedAt, points, freshness, TrendingScore.Compute(upvotes, comments, submittedAt));
        }

        public double PointsPart => Math.Log10(1 + Points);
        public double HoursSinceEpoch => Freshness * TrendingScore.WindowHours;
    }
}
