using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Papers;

/// <summary>
/// The daily feed's reads. Each is one index-friendly statement: a day's entries come from the
/// (Day, Upvotes) index of daily_entries joined to papers by primary key; the neighbouring days and the latest
/// day are MIN/MAX over the same index, so they cost a seek however many papers are stored.
/// </summary>
public static class FeedQueries
{
    public static Task<DateOnly?> LatestDayAsync(AppDbContext db, CancellationToken ct) =>
        db.DailyEntries.MaxAsync(e => (DateOnly?)e.Day, ct);

    /// <summary>The closest days before and after <paramref name="day"/> that have entries; empty days are skipped.</summary>
    public static async Task<(DateOnly? Previous, DateOnly? Next)> NeighboursAsync(AppDbContext db, DateOnly day, CancellationToken ct)
    {
        var previous = await db.DailyEntries.Where(e => e.Day < day).MaxAsync(e => (DateOnly?)e.Day, ct);
        var next = await db.DailyEntries.Where(e => e.Day > day).MinAsync(e => (DateOnly?)e.Day, ct);
        return (previous, next);
    }

    /// <summary>
    /// One page of a day's entries in Hugging Face's order: most upvotes first; ties go to the more recently
    /// published paper, then to the higher arXiv id (what the real responses in the shared samples show). Papers
    /// without a publication date come last on both engines (PostgreSQL would sort NULL first when descending).
    /// </summary>
    public static Task<List<PaperView>> DayAsync(AppDbContext db, DateOnly day, int skip, int take, CancellationToken ct) =>
        (from e in db.DailyEntries.AsNoTracking()
         where e.Day == day
         join p in db.Papers.AsNoTracking() on e.PaperId equals p.Id
         orderby e.Upvotes descending, p.PublishedAt == null, p.PublishedAt descending, p.ArxivId descending
         select new PaperView(p.ArxivId, p.Version, p.Title, p.Abstract, p.Authors, p.Categories, p.PublishedAt,
             p.UpdatedAt, p.Comment, p.JournalRef, p.Doi, p.GithubRepo, p.ProjectPage,
             new FeedSlot(e.Day, e.SubmittedAt, e.SubmittedBy, e.SubmitterFullname, e.SubmitterAvatarUrl, e.Upvotes, e.CommentCount) { SubmitterId = e.SubmitterId }))
        .Skip(skip).Take(take).ToListAsync(ct);

    /// <summary>One paper by canonical arXiv id, with its feed entry when it has one.</summary>
    public static Task<PaperView?> PaperAsync(AppDbContext db, string arxivId, CancellationToken ct) =>
        (from p in db.Papers.AsNoTracking()
         where p.ArxivId == arxivId
         join e in db.DailyEntries.AsNoTracking() on p.Id equals e.PaperId into entries
         from e in entries.DefaultIfEmpty()
         select new PaperView(p.ArxivId, p.Version, p.Title, p.Abstract, p.Authors, p.Categories, p.PublishedAt,
             p.UpdatedAt, p.Comment, p.JournalRef, p.Doi, p.GithubRepo, p.ProjectPage,
             e == null ? null
                 : new FeedSlot(e.Day, e.SubmittedAt, e.SubmittedBy, e.SubmitterFullname, e.SubmitterAvatarUrl, e.Upvotes, e.CommentCount) { SubmitterId = e.SubmitterId }))
        .FirstOrDefaultAsync(ct);
}
