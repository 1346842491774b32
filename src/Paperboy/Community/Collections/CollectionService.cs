using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Community.Collections;

/// <summary>A collection as lists show it.</summary>
public sealed record CollectionSummary(long Id, string Slug, string Name, string? Description, bool IsPublic, int Papers, DateTime UpdatedAt);

/// <summary>A paper in a collection, with the owner's note.</summary>
public sealed record CollectionPaper(PaperView Paper, string? Note, DateTime AddedAt);

/// <summary>
/// Reads and writes of collections. Callers check ownership first (pages compare the collection's owner with
/// <see cref="Accounts.Members.WriterAsync"/>); here every write names the collection by id.
/// </summary>
public sealed class CollectionService(AppDbContext db, TimeProvider clock)
{
    public Task<List<CollectionSummary>> ListAsync(long ownerId, bool includePrivate, CancellationToken ct) =>
        db.Collections.AsNoTracking()
            .Where(c => c.UserId == ownerId && (includePrivate || c.IsPublic))
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
            .Select(c => new CollectionSummary(c.Id, c.Slug, c.Name, c.Description, c.IsPublic,
                db.CollectionItems.Count(i => i.CollectionId == c.Id), c.UpdatedAt))
            .ToListAsync(ct);

    public Task<Collection?> FindAsync(long ownerId, string slug, CancellationToken ct) =>
        db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == ownerId && c.Slug == slug, ct);

    public Task<Collection?> FindAsync(long id, CancellationToken ct) =>
        db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>The collection's papers, most recently added first.</summary>
    public async Task<List<CollectionPaper>> PapersAsync(long collectionId, CancellationToken ct)
    {
        var items = await db.CollectionItems.AsNoTracking().Where(i => i.CollectionId == collectionId)
            .OrderByDescending(i => i.AddedAt).ThenByDescending(i => i.PaperId)
            .Select(i => new { i.PaperId, i.Note, i.AddedAt }).ToListAsync(ct);
        var cards = await PaperCards.ByIdAsync(db, items.Select(i => i.PaperId).ToList(), ct);
        return items.Where(i => cards.ContainsKey(i.PaperId))
            .Select(i => new CollectionPaper(cards[i.PaperId], i.Note, i.AddedAt)).ToList();
    }

    /// <summary>
    /// Creates a collection under a slug free for this owner. Two creations racing for the same slug on PostgreSQL
    /// meet at the unique (UserId, Slug) index; the loser picks the next free slug and tries again.
    /// </summary>
    public async Task<Collection> CreateAsync(long ownerId, string name, string? description, bool isPublic, CancellationToken ct)
    {
        var slug = CollectionSlugs.FromName(name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Transactions.RunAsync(db, async t =>
                {
                    var taken = (await db.Collections.Where(c => c.UserId == ownerId && c.Slug.StartsWith(slug))
                        .Select(c => c.Slug).ToListAsync(t)).ToHashSet();
                    var now = clock.GetUtcNow().UtcDateTime;
                    var collection = new Collection
                    {
                        UserId = ownerId, Slug = CollectionSlugs.Unique(slug, taken), Name = name.Trim(),
                        Description = Clean(description), IsPublic = isPublic, CreatedAt = now, UpdatedAt = now,
                    };
                    db.Collections.Add(collection);
                    await db.SaveChangesAsync(t);
                    return collection;
                }, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Renames and re-describes a collection. The slug stays, so links people shared keep working.</summary>
    public Task UpdateAsync(long id, string name, string? description, bool isPublic, CancellationToken ct) =>
        db.Collections.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Name, name.Trim())
            .SetProperty(c => c.Description, Clean(description))
            .SetProperty(c => c.IsPublic, isPublic)
            .SetProperty(c => c.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);

    public Task DeleteAsync(long id, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            await db.CollectionItems.Where(i => i.CollectionId == id).ExecuteDeleteAsync(t);
            return await db.Collections.Where(c => c.Id == id).ExecuteDeleteAsync(t);
        }, ct);

    /// <summary>Adds a paper, or, when it is there already, replaces its note with the one given (if any).</summary>
    public Task AddAsync(long collectionId, long paperId, string? note, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (conn, tx) = Transactions.Ado(db);
            await using (var insert = Sql.Command(conn, tx,
                "INSERT INTO collection_items (\"CollectionId\", \"PaperId\", \"Note\", \"AddedAt\") VALUES (@c, @p, @n, @at) " +
                "ON CONFLICT (\"CollectionId\", \"PaperId\") DO NOTHING"))
            {
                Sql.Add(insert, "@c", collectionId);
                Sql.Add(insert, "@p", paperId);
                Sql.Add(insert, "@n", Clean(note));
                Sql.Add(insert, "@at", now);
                if (await insert.ExecuteNonQueryAsync(t) == 0 && Clean(note) is { } text)
                    await db.CollectionItems.Where(i => i.CollectionId == collectionId && i.PaperId == paperId)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.Note, text), t);
            }
            return await Touch(collectionId, now, t);
        }, ct);

    public Task<bool> RemoveAsync(long collectionId, long paperId, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var removed = await db.CollectionItems.Where(i => i.CollectionId == collectionId && i.PaperId == paperId).ExecuteDeleteAsync(t);
            await Touch(collectionId, clock.GetUtcNow().UtcDateTime, t);
            return removed > 0;
        }, ct);

    public Task<bool> SetNoteAsync(long collectionId, long paperId, string? note, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var changed = await db.CollectionItems.Where(i => i.CollectionId == collectionId && i.PaperId == paperId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Note, Clean(note)), t);
            await Touch(collectionId, clock.GetUtcNow().UtcDateTime, t);
            return changed > 0;
        }, ct);

    private Task<int> Touch(long collectionId, DateTime now, CancellationToken ct) =>
        db.Collections.Where(c => c.Id == collectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), ct);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
