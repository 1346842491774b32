using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Search.Embeddings;

namespace Paperboy.Search.Indexing;

/// <summary>Brings a node's in-memory vectors level with the stored embeddings of one model.</summary>
public static class VectorSync
{
    public const int BatchSize = 10_000;

    /// <summary>
    /// Loads every stored embedding of <paramref name="model"/> whose change number is above
    /// <paramref name="seen"/> into <paramref name="index"/> and returns the new high-water mark. Rows are read in
    /// change-number order, so stopping anywhere leaves a mark that is safe to resume from.
    /// </summary>
    public static async Task<long> CatchUpAsync(AppDbContext db, VectorIndex index, string model, long seen, CancellationToken ct)
    {
        while (true)
        {
            var rows = await db.Embeddings.AsNoTracking()
                .Where(e => e.Model == model && e.ChangeNumber > seen)
                .OrderBy(e => e.ChangeNumber)
                .Take(BatchSize)
                .Select(e => new { e.PaperId, e.Vector, e.ChangeNumber })
                .ToListAsync(ct);
            if (rows.Count == 0) return seen;
            foreach (var r in rows) index.Upsert(r.PaperId, VectorCodec.FromBytes(r.Vector));
            seen = rows[^1].ChangeNumber;
        }
    }
}
