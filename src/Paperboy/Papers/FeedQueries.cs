using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Papers;

/// <summary>
/// The feed's reads. Counts are totals (imported + local); an entry a moderator hid is in no list, no
/// neighbour-day link and no API answer. A day's or month's entries come from the (Day, Upvotes) index of
/// daily_entries joined to papers by primary key; the trending list walks the Trending index; neighbouring days
/// and the latest day are "ORDER BY Day LIMIT 1" over the Day index, a seek whatever the number of papers.
/// </summary>
public static class FeedQueries
{
    /// <summary>The latest day with a visible entry.</summary>
    public static Task<DateOnly?> LatestDayAsync(AppDbContext db, CancellationToken ct) =>
        db.DailyEntries.Where(e => e.HiddenAt == null)
            .OrderByDescending(e => e.Day).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(ct);

    /// <summary>The closest days before and after <paramref name="day"/> that have entries; empty days are skipped.</summary>
    public static Task<(DateOnly? Previous, DateOnly? Next)> NeighboursAsync(AppDbContext db, DateOnly day, CancellationToken ct) =>
        NeighboursAsync(db, FeedPeriod.Day(day), FeedRequest.Default, ct);

    /// <summary>
    /// The closest day before <paramref name="period"/> and the closest day after it that have a visible entry
    /// matching the request's filters, so that "previous" and "next" never lead to an empty list.
    /// </summary>
    public static async Task<(DateOnly? Previous, DateOnly? Next)> NeighboursAsync(AppDbContext db, FeedPeriod period,
        FeedRequest filters, CancellationToken ct)
    {
        if (!period.Bounded) return (null, null);
        var (start, end) = (period.From, period.Until);
        var previous = await (from e in Entries(db, filters) where e.Day < start orderby e.Day descending select (DateOnly?)e.Day)
            .FirstOrDefaultAsync(ct);
        var next = await (from e in Entries(db, filters) where e.Day >= end orderby e.Day select (DateOnly?)e.Day)
            .FirstOrDefaultAsync(ct);
        return (previous, next);
    }

    /// <summary>
    /// One page of a day's entries in Hugging Face's order: most upvotes first; ties go to the more recently
    /// published paper, then to the higher arXiv id (what the real responses in the shared samples show). Papers
    /// without a publication date come last on both engines (PostgreSQL would sort NULL first when descending).
    /// </summary>
    public static Task<List<PaperView>> DayAsync(AppDbContext db, DateOnly day, int skip, int take, CancellationToken ct) =>
        ListAsync(db, FeedPeriod.Day(day), FeedRequest.Default, FeedSort.Upvotes, skip, take, ct);

    /// <summary>One page of a period's visible entries that pass the request's filters, in the given order.</summary>
    public static Task<List<PaperView>> ListAsync(AppDbContext db, FeedPeriod period, FeedRequest filters, FeedSort sort,
        int skip, int take, CancellationToken ct)
    {
        var rows = Rows(db, period, filters);
        rows = sort switch
        {
            FeedSort.Trending => rows.OrderByDescending(r => r.Entry.Trending).ThenByDescending(r => r.Entry.Id),
            FeedSort.Newest => rows.OrderBy(r => r.Paper.PublishedAt == null).ThenByDescending(r => r.Paper.PublishedAt)
                .ThenByDescending(r => r.Paper.ArxivId),
            _ => rows.OrderByDescending(r => r.Entry.Upvotes + r.Entry.LocalUpvotes).ThenBy(r => r.Paper.PublishedAt == null)
                .ThenByDescending(r => r.Paper.PublishedAt).ThenByDescending(r => r.Paper.ArxivId),
        };
        return Views(rows.Skip(skip).Take(take)).ToListAsync(ct);
    }

    /// <summary>
    /// The latest visible entries that pass the filters, across every day: the newest feed day first, each day in
    /// <see cref="DayAsync"/>'s order. This is the order of a list that grows at the top (a category's feed), and the
    /// Day index serves it: a common category stops after a few days' entries instead of sorting all of them.
    /// </summary>
    public static async Task<List<PaperView>> RecentAsync(AppDbContext db, FeedRequest filters, int take, CancellationToken ct)
    {
        // Two steps, because SQLite sorts the whole join (~0.3 s at a million papers) once the order has more terms
        // than the Day index gives: the newest entries by day alone are a walk down the index that stops after
        // `take`, and they give the oldest day the answer can reach; the full order then sorts only those days.
        var oldest = await Rows(db, FeedPeriod.Trending, filters).OrderByDescending(r => r.Entry.Day)
            .Select(r => r.Entry.Day).Skip(take - 1).FirstOrDefaultAsync(ct);
        return await Views(Rows(db, FeedPeriod.Trending, filters).Where(r => r.Entry.Day >= oldest)
            .OrderByDescending(r => r.Entry.Day).ThenByDescending(r => r.Entry.Upvotes + r.Entry.LocalUpvotes)
            .ThenBy(r => r.Paper.PublishedAt == null).ThenByDescending(r => r.Paper.PublishedAt).ThenByDescending(r => r.Paper.ArxivId)
            .Take(take)).ToListAsync(ct);
    }

    /// <summary>A visible entry in the period and its paper, when the paper passes the filters.</summary>
    private static IQueryable<EntryRow> Rows(AppDbContext db, FeedPeriod period, FeedRequest filters)
    {
        var entries = db.DailyEntries.AsNoTracking().Where(e => e.HiddenAt == null);
        if (filters.Submitter is { } submitter) entries = entries.Where(e => e.SubmittedBy == submitter);
        if (period.Bounded)
        {
            var (start, end) = (period.From, period.Until);
            entries = entries.Where(e => e.Day >= start && e.Day < end);
        }
        return from e in entries
               join p in Papers(db, filters) on e.PaperId equals p.Id
               select new EntryRow { Entry = e, Paper = p };
    }

    private static IQueryable<PaperView> Views(IQueryable<EntryRow> rows) =>
        rows.Select(r => new PaperView(r.Paper.ArxivId, r.Paper.Version, r.Paper.Title, r.Paper.Abstract, r.Paper.Authors,
            r.Paper.Categories, r.Paper.PublishedAt, r.Paper.UpdatedAt, r.Paper.Comment, r.Paper.JournalRef, r.Paper.Doi,
            r.Paper.GithubRepo, r.Paper.ProjectPage,
            new FeedSlot(r.Entry.Day, r.Entry.SubmittedAt, r.Entry.SubmittedBy, r.Entry.SubmitterFullname, r.Entry.SubmitterAvatarUrl,
                r.Entry.Upvotes + r.Entry.LocalUpvotes, r.Entry.CommentCount + r.Entry.LocalComments, r.Entry.PaperId,
                r.Entry.Trending, false) { SubmitterId = r.Entry.SubmitterId }));

    // A named row rather than an anonymous one, so that the reads sharing it can be split into methods.
    private sealed class EntryRow
    {
        public required DailyEntry Entry { get; init; }
        public required Paper Paper { get; init; }
    }

    /// <summary>
    /// The paper of the day of each of <paramref name="days"/>: the first entry of that day's list (the order of
    /// <see cref="DayAsync"/>), found for all the days in one statement with ROW_NUMBER() over each day.
    /// </summary>
    public static async Task<HashSet<long>> PapersOfTheDayAsync(AppDbContext db, IEnumerable<DateOnly> days, CancellationToken ct)
    {
        var list = days.Distinct().ToList();
        if (list.Count == 0) return [];
        var placeholders = string.Join(", ", list.Select((_, i) => "{" + i + "}"));
        var sql = $"""
            SELECT t."PaperId" AS "Value" FROM (
                SELECT e."PaperId", ROW_NUMBER() OVER (PARTITION BY e."Day" ORDER BY e."Upvotes" + e."LocalUpvotes" DESC,
                    CASE WHEN p."PublishedAt" IS NULL THEN 1 ELSE 0 END, p."PublishedAt" DESC, p."ArxivId" DESC) AS "Rank"
                FROM daily_entries e JOIN papers p ON p."Id" = e."PaperId"
                WHERE e."HiddenAt" IS NULL AND e."Day" IN ({placeholders})
            ) t WHERE t."Rank" = 1
            """;
        return (await db.Database.SqlQueryRaw<long>(sql, list.Cast<object>().ToArray()).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>One paper by canonical arXiv id, with its feed entry (hidden or not) when it has one.</summary>
    public static Task<PaperView?> PaperAsync(AppDbContext db, string arxivId, CancellationToken ct) =>
        (from p in db.Papers.AsNoTracking()
         where p.ArxivId == arxivId
         join e in db.DailyEntries.AsNoTracking() on p.Id equals e.PaperId into entries
         from e in entries.DefaultIfEmpty()
         select new PaperView(p.ArxivId, p.Version, p.Title, p.Abstract, p.Authors, p.Categories, p.PublishedAt,
             p.UpdatedAt, p.Comment, p.JournalRef, p.Doi, p.GithubRepo, p.ProjectPage,
             e == null ? null
                 : new FeedSlot(e.Day, e.SubmittedAt, e.SubmittedBy, e.SubmitterFullname, e.SubmitterAvatarUrl,
                     e.Upvotes + e.LocalUpvotes, e.CommentCount + e.LocalComments, e.PaperId, e.Trending, e.HiddenAt != null) { SubmitterId = e.SubmitterId }))
        .FirstOrDefaultAsync(ct);

    /// <summary>Visible entries whose paper passes the filters.</summary>
    private static IQueryable<DailyEntry> Entries(AppDbContext db, FeedRequest filters)
    {
        var visible = db.DailyEntries.AsNoTracking().Where(e => e.HiddenAt == null);
        if (filters.Submitter is { } submitter) visible = visible.Where(e => e.SubmittedBy == submitter);
        return filters.Category is not null || filters.CodeOnly
            ? from e in visible join p in Papers(db, filters) on e.PaperId equals p.Id select e
            : visible;
    }

    /// <summary>
    /// Papers passing the filters. Categories are JSON text (<c>["cs.LG","stat.ML"]</c>) on both engines, so a
    /// category is the quoted name inside it; both sides are lower-cased so that <c>cs.lg</c> finds the same papers
    /// on SQLite (whose LIKE ignores ASCII case) and PostgreSQL (whose LIKE does not).
    /// </summary>
    private static IQueryable<Paper> Papers(AppDbContext db, FeedRequest filters)
    {
        var papers = filters.Category is { } category
            ? db.Papers.FromSqlRaw("SELECT * FROM papers WHERE LOWER(\"Categories\") LIKE {0}",
                "%\"" + category.ToLowerInvariant() + "\"%")
            : db.Papers;
        papers = papers.AsNoTracking();
        if (filters.CodeOnly) papers = papers.Where(p => p.GithubRepo != null && p.GithubRepo != "");
        return papers;
    }
}
