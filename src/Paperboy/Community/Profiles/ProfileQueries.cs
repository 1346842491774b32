using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Community.Profiles;

/// <summary>A visible comment as a profile lists it: where it was made and the start of its text.</summary>
public sealed record ProfileComment(long Id, string ArxivId, string PaperTitle, string Body, DateTime CreatedAt);

/// <summary>
/// A member's activity, most recent first, one page at a time. Each read asks for one row more than a page, so
/// the page knows whether to offer "more" without counting. Hidden entries and hidden or deleted comments are
/// left out.
/// </summary>
public static class ProfileQueries
{
    public static async Task<List<PaperView>> SubmittedAsync(AppDbContext db, long userId, int skip, int take, CancellationToken ct) =>
        await PaperCards.LoadAsync(db, await db.DailyEntries.AsNoTracking()
            .Where(e => e.SubmitterId == userId && e.HiddenAt == null)
            .OrderByDescending(e => e.SubmittedAt).ThenByDescending(e => e.Id)
            .Select(e => e.PaperId).Skip(skip).Take(take).ToListAsync(ct), ct);

    public static async Task<List<PaperView>> UpvotedAsync(AppDbContext db, long userId, int skip, int take, CancellationToken ct) =>
        await PaperCards.LoadAsync(db, await db.Votes.AsNoTracking()
            .Where(v => v.UserId == userId)
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.PaperId)
            .Select(v => v.PaperId).Skip(skip).Take(take).ToListAsync(ct), ct);

    public static Task<List<ProfileComment>> CommentsAsync(AppDbContext db, long userId, int skip, int take, CancellationToken ct) =>
        (from c in db.Comments.AsNoTracking()
         where c.UserId == userId && c.DeletedAt == null && c.HiddenAt == null
         join p in db.Papers.AsNoTracking() on c.PaperId equals p.Id
         orderby c.CreatedAt descending, c.Id descending
         select new ProfileComment(c.Id, p.ArxivId, p.Title, c.Body, c.CreatedAt))
        .Skip(skip).Take(take).ToListAsync(ct);
}
