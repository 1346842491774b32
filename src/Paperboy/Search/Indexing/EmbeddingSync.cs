using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Operations;
using Paperboy.Search.Embeddings;

namespace Paperboy.Search.Indexing;

/// <summary>Computes and stores the embeddings of papers changed since the model's stored rows were last level.</summary>
public static class EmbeddingSync
{
    /// <summary>
    /// Embeds, batch by batch, every paper changed after the highest change number stored for the model, and
    /// writes each batch in one transaction. A paper whose title and abstract are unchanged keeps its vector and
    /// only moves its change number. A crash loses at most the batch in hand: the next run starts after the
    /// highest stored change number, which only a committed batch can have raised. Returns the papers handled.
    /// </summary>
    public static async Task<long> CatchUpAsync(AppDbContext db, ITextEmbedder embedder, int batchSize, CancellationToken ct,
        Action<long, long>? progress = null)
    {
        var from = await StoredUpToAsync(db, embedder.Name, ct);
        var pending = await PaperChanges.CountAfterAsync(db, from, ct);
        long done = 0;
        while (true)
        {
            var docs = await PaperChanges.AfterAsync(db, from, batchSize, ct);
            if (docs.Count == 0) return done;
            var ids = docs.Select(d => d.PaperId).ToList();
            var stored = await db.Embeddings.AsNoTracking()
                .Where(e => e.Model == embedder.Name && ids.Contains(e.PaperId))
                .Select(e => new { e.PaperId, e.TextHash })
                .ToDictionaryAsync(e => e.PaperId, e => e.TextHash, ct);
            var hashes = docs.ToDictionary(d => d.PaperId, d => TextHash(d.Title, d.Abstract));
            var stale = docs.Where(d => !stored.TryGetValue(d.PaperId, out var h) || h != hashes[d.PaperId]).ToList();
            // The model runs outside the transaction: it takes far longer than the write.
            var vectors = stale.Count == 0 ? [] : await Task.Run(() => embedder.EmbedDocuments(stale.Select(d => (d.Title, d.Abstract)).ToList()), ct);
            var computed = stale.Select((d, i) => (d.PaperId, vectors[i])).ToDictionary(x => x.PaperId, x => x.Item2);
            await Transactions.RunAsync(db, async t =>
            {
                var rows = await db.Embeddings.Where(e => e.Model == embedder.Name && ids.Contains(e.PaperId)).ToDictionaryAsync(e => e.PaperId, t);
                foreach (var d in docs)
                {
                    if (!rows.TryGetValue(d.PaperId, out var row))
                        db.Embeddings.Add(row = new PaperEmbedding { PaperId = d.PaperId, Model = embedder.Name, Vector = [] });
                    if (computed.TryGetValue(d.PaperId, out var v))
                    {
                        row.Vector = VectorCodec.ToBytes(v);
                        row.TextHash = hashes[d.PaperId];
                    }
                    row.ChangeNumber = d.ChangeNumber;
                }
                await db.SaveChangesAsync(t);
                return 0;
            }, ct);
            PaperboyMetrics.Embedded(stale.Count);
            from = docs[^1].ChangeNumber;
            done += docs.Count;
            progress?.Invoke(done, Math.Max(pending, done));
        }
    }

    /// <summary>The highest paper change number the model's stored rows are level with.</summary>
    public static async Task<long> StoredUpToAsync(AppDbContext db, string model, CancellationToken ct) =>
        await db.Embeddings.Where(e => e.Model == model).MaxAsync(e => (long?)e.ChangeNumber, ct) ?? 0;

    /// <summary>A stable 64-bit fingerprint of what is embedded (not string.GetHashCode, which changes per process).</summary>
    public static long TextHash(string title, string abstractText)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + abstractText), hash);
        return BitConverter.ToInt64(hash[..8]);
    }
}
