using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Recommendations;

/// <summary>A member's picks as the page and the API show them: the paper's card and why it was picked.</summary>
public sealed record ForYouItem(PaperView Paper, string Reason, double Score);

/// <summary>
/// One reading of "for you", shared by the page and the API: the period (<c>week</c> and <c>month</c> end at the
/// latest feed day, <c>all</c> is the whole library), the member's picks in it, and what the picks learnt from.
/// </summary>
public static class ForYouQuery
{
    public static readonly string[] Periods = ["week", "month", "all"];

    public static bool TryPeriod(string? value, out string period)
    {
        period = string.IsNullOrEmpty(value) ? "week" : value.ToLowerInvariant();
        return Periods.Contains(period);
    }

    public static async Task<PickScope> ScopeAsync(AppDbContext db, string period, CancellationToken ct)
    {
        // A library with no feed yet (a snapshot import only) has no week to speak of: everything is the scope.
        if (period == "all" || await FeedQueries.LatestDayAsync(db, ct) is not { } latest) return PickScope.Everything;
        return PickScope.Days(latest.AddDays(period == "week" ? -6 : -29), latest);
    }

    public static async Task<(UserSignals Signals, List<ForYouItem> Items)> RunAsync(AppDbContext db, Recommender recommender,
        long userId, string period, int count, CancellationToken ct)
    {
        var signals = await SignalReader.ReadAsync(db, userId, ct);
        var picks = await recommender.PickAsync(db, signals, await ScopeAsync(db, period, ct), count, ct);
        var cards = await PaperCards.ByIdAsync(db, picks.Select(p => p.PaperId).ToList(), ct);
        return (signals, picks.Where(p => cards.ContainsKey(p.PaperId))
            .Select(p => new ForYouItem(cards[p.PaperId], p.Reason.Text, p.Score)).ToList());
    }
}
