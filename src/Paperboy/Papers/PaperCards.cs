using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Papers;

/// <summary>
/// Cards for lists that are not a feed day (a member's submissions and upvotes, a collection): the papers with the
/// given row ids, in the order given. Papers whose feed entry a moderator hid are left out, as on every list.
/// </summary>
public static class PaperCards
{
    public static async Task<List<PaperView>> LoadAsync(AppDbContext db, IReadOnlyList<long> paperIds, CancellationToken ct)
    {
        var rows = await ByIdAsync(db, paperIds, ct);
        return paperIds.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>The same cards keyed by paper row id.</summary>
    public static async Task<Dictionary<long, PaperView>> ByIdAsync(AppDbContext db, IReadOnlyList<long> paperIds, CancellationToken ct)
    {
        if (paperIds.Count == 0) return [];
        return await (
            from p in db.Papers.AsNoTracking()
            where paperIds.Contains(p.Id)
            join e in db.DailyEntries.AsNoTracking() on p.Id equals e.PaperId into entries
            from e in entries.DefaultIfEmpty()
            where e == null || e.HiddenAt == null
            select new
            {
                p.Id,
                View = new PaperView(p.ArxivId, p.Version, p.Title, p.Abstract, p.Authors, p.Categories, p.PublishedAt,
                    p.UpdatedAt, p.Comment, p.JournalRef, p.Doi, p.GithubRepo, p.ProjectPage,
                    e == null ? null
                        : new FeedSlot(e.Day, e.SubmittedAt, e.SubmittedBy, e.SubmitterFullname, e.SubmitterAvatarUrl,
                            e.Upvotes + e.LocalUpvotes, e.CommentCount + e.LocalComments, e.PaperId, e.Trending) { SubmitterId = e.SubmitterId }),
            }).ToDictionaryAsync(r => r.Id, r => r.View, ct);
    }
}
