using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Search.Indexing;

namespace Paperboy.Operations;

/// <summary>
/// Where this node's derived state stands against the database, as the status page, the readiness checks and
/// the gauges of <see cref="PaperboyMetrics"/> report it. Every number is a change number (see
/// <see cref="PaperChanges"/>) or a count.
/// </summary>
/// <param name="LatestChange">The highest paper change number in the database.</param>
/// <param name="KeywordMark">The change number of the full-text index's last commit; null while another process holds the index.</param>
/// <param name="StoredEmbeddings">The highest change number of the embeddings stored for the model.</param>
/// <param name="VectorsMark">The highest of those loaded into this node's memory.</param>
/// <param name="EmbeddingsWaiting">Papers changed after <paramref name="StoredEmbeddings"/>: waiting for an embedding.</param>
/// <param name="OutboxDue">Digests pending whose next try is due.</param>
public sealed record SiteFigures(long LatestChange, long? KeywordMark, long StoredEmbeddings, long VectorsMark,
    long EmbeddingsWaiting, long OutboxDue, DateTimeOffset At)
{
    /// <summary>Reads them: five indexed queries, cheap enough for every scrape and every status page.</summary>
    public static async Task<SiteFigures> ReadAsync(AppDbContext db, SearchIndexes indexes, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var latest = await PaperChanges.LatestAsync(db, ct);
        var stored = await EmbeddingSync.StoredUpToAsync(db, indexes.Model, ct);
        var waiting = latest > stored ? await PaperChanges.CountAfterAsync(db, stored, ct) : 0;
        var due = now.UtcDateTime;
        var outbox = await db.DigestOutbox.CountAsync(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= due, ct);
        return new SiteFigures(latest, indexes.KeywordOrNull()?.CommittedChangeNumber, stored, indexes.VectorsSeen,
            waiting, outbox, now);
    }
}
