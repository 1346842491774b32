using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Search.Indexing;

/// <summary>Reads papers in change-number order, the way every derived store catches up with the database.</summary>
public static class PaperChanges
{
    /// <summary>
    /// Up to <paramref name="take"/> papers changed after <paramref name="after"/>, oldest change first, as the
    /// search sees them. A caller stores the last change number it handled and asks again from there.
    /// </summary>
    public static async Task<List<SearchDocument>> AfterAsync(AppDbContext db, long after, int take, CancellationToken ct)
    {
        var rows = await db.Papers.AsNoTracking()
            .Where(p => p.ChangeNumber > after)
            .OrderBy(p => p.ChangeNumber)
            .Take(take)
            .Select(p => new { p.Id, p.ArxivId, p.Title, p.Abstract, p.Authors, p.Categories, p.PublishedAt, p.GithubRepo, p.ChangeNumber })
            .ToListAsync(ct);
        return rows.Select(p => new SearchDocument(p.Id, p.ArxivId, p.Title, p.Abstract, p.Authors, p.Categories,
            p.PublishedAt, !string.IsNullOrEmpty(p.GithubRepo), p.ChangeNumber)).ToList();
    }

    /// <summary>How many papers changed after <paramref name="after"/>: the size of a catch-up, for its progress.</summary>
    public static Task<int> CountAfterAsync(AppDbContext db, long after, CancellationToken ct) =>
        db.Papers.CountAsync(p => p.ChangeNumber > after, ct);

    /// <summary>The highest change number handed out so far: how far a store must get to be level.</summary>
    public static async Task<long> LatestAsync(AppDbContext db, CancellationToken ct) =>
        await db.Papers.MaxAsync(p => (long?)p.ChangeNumber, ct) ?? 0;
}
