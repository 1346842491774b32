using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Paperboy.Bench.Community;
using Paperboy.Data;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Indexing;

namespace Paperboy.Bench.Search;

/// <summary>
/// Stores a random unit vector as the embedding of every paper that has none under the model, with the paper's
/// real text hash and change number, so a server treats them as current and loads them. Embedding a million
/// abstracts on two cores takes most of a day; an exact top-k scan costs the same whatever the vectors hold, so
/// stand-ins measure search speed (not quality) at full size.
/// </summary>
public static class StandInVectors
{
    public static async Task<long> RunAsync(AppDbContext db, string model, int seed, TextWriter log, CancellationToken ct)
    {
        await DataServices.MigrateAsync(db, ct);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        var rng = new Random(seed);
        var vector = new float[384];
        long added = 0, after = 0;
        string[] columns = ["PaperId", "Model", "Vector", "TextHash", "ChangeNumber"];
        while (true)
        {
            var papers = await db.Papers.AsNoTracking()
                .Where(p => p.Id > after && !db.Embeddings.Any(e => e.PaperId == p.Id && e.Model == model))
                .OrderBy(p => p.Id).Take(10_000)
                .Select(p => new { p.Id, p.Title, p.Abstract, p.ChangeNumber })
                .ToListAsync(ct);
            if (papers.Count == 0) return added;
            var rows = papers.Select(p =>
            {
                for (var i = 0; i < vector.Length; i++) vector[i] = (float)(rng.NextDouble() * 2 - 1);
                TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
                return new object?[] { p.Id, model, VectorCodec.ToBytes(vector), EmbeddingSync.TextHash(p.Title, p.Abstract), p.ChangeNumber };
            }).ToList();
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await BulkInsert.RunAsync(conn, tx, "paper_embeddings", columns, rows, ct);
                await tx.CommitAsync(ct);
            }
            added += rows.Count;
            after = papers[^1].Id;
            if (added % 100_000 == 0) log.WriteLine($"{added:N0} stand-in vectors stored");
        }
    }
}
