using Paperboy.Data;
using Paperboy.Search.Keyword;

namespace Paperboy.Search.Indexing;

/// <summary>Brings the full-text index level with the papers table, from the change number of its last commit.</summary>
public static class KeywordSync
{
    public const int BatchSize = 5000;

    /// <summary>
    /// Indexes every paper changed after the index's last commit, one commit per batch, each recording the last
    /// change number it holds. A crash between commits loses only the uncommitted batch, which the next run
    /// reads again; documents are keyed by paper, so indexing one twice replaces it. Returns the papers indexed.
    /// </summary>
    public static async Task<long> CatchUpAsync(AppDbContext db, KeywordIndex index, CancellationToken ct,
        Action<long, long>? progress = null)
    {
        var from = index.CommittedChangeNumber;
        var latest = await PaperChanges.LatestAsync(db, ct);
        if (from > latest)
        {
            // The index claims changes the database never made: the database was restored from a backup (on this
            // node 'paperboy restore' empties the index; another node's finds out here). Start again from nothing.
            // Known gap: a node that comes back only after the restored database has numbered past the old mark
            // cannot tell; 'paperboy index rebuild' on it mends that.
            index.DeleteAll();
            index.Commit(0);
            from = 0;
        }
        var pending = latest > from ? await PaperChanges.CountAfterAsync(db, from, ct) : 0;
        long done = 0;
        while (from < latest)
        {
            var docs = await PaperChanges.AfterAsync(db, from, BatchSize, ct);
            if (docs.Count == 0) break;
            index.Upsert(docs);
            from = docs[^1].ChangeNumber;
            index.Commit(from);
            done += docs.Count;
            progress?.Invoke(done, Math.Max(pending, done));
        }
        return done;
    }
}
