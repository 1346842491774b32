using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary>What a feed page shows: one day's entries, one page of them, and where to go next.</summary>
public sealed record DayFeed(DateOnly Day, DateOnly Today, IReadOnlyList<PaperView> Entries, int Page, bool HasMore,
    DateOnly? Previous, DateOnly? Next)
{
    public const int PageSize = 50;

    public static async Task<DayFeed> LoadAsync(AppDbContext db, SiteOptions site, TimeProvider clock, DateOnly day,
        int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 0, 10_000);
        // One extra row says whether there is another page without counting the day.
        var rows = await FeedQueries.DayAsync(db, day, page * PageSize, PageSize + 1, ct);
        var (previous, next) = await FeedQueries.NeighboursAsync(db, day, ct);
        return new DayFeed(day, site.Today(clock), rows.Take(PageSize).ToList(), page, rows.Count > PageSize, previous, next);
    }
}
