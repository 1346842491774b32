using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Community.Trending;

/// <summary>
/// Brings stored trending scores in line with <see cref="TrendingScore.Compute"/>: reads every feed entry's counts
/// in batches (keyset on the primary key, so each batch is one index range however large the table), computes the
/// score, and writes only the scores that differ. Votes and comments keep their entry's score right as they happen
/// (<see cref="EntryCounts.AdjustAsync"/>) and imports score what they write; what this catches is everything else:
/// a database from before scores were stored, scores from before a change of the formula, counts changed by hand.
/// </summary>
/// <remarks>
/// The score has a logarithm and date arithmetic that SQLite and PostgreSQL write differently and round
/// differently, so it is computed here, in one place, rather than in SQL; reading the counts of a million entries
/// takes a second or two. Each update says which counts it was computed from (<c>WHERE "Upvotes" = ... AND ...</c>):
/// when a vote changed the entry in between, the vote's own, newer score stays.
/// </remarks>
public static class TrendingRecompute
{
    public const int DefaultBatchSize = 2000;

    /// <summary>How many entries were read and how many scores were rewritten.</summary>
    public sealed record Result(long Checked, long Updated);

    private readonly record struct Row(long Id, int Upvotes, int LocalUpvotes, int Comments, int LocalComments,
        DateTime SubmittedAt, double Stored)
    {
        public double Score => TrendingScore.Compute(Upvotes + LocalUpvotes, Comments + LocalComments, SubmittedAt);
    }

    /// <summary>Runs over every entry; <paramref name="progress"/> hears the number of entries checked after each batch.</summary>
    public static async Task<Result> RunAsync(AppDbContext db, int batchSize = DefaultBatchSize, Action<long>? progress = null,
        CancellationToken ct = default)
    {
        batchSize = Math.Clamp(batchSize, 1, 100_000);
        long lastId = 0, checkedCount = 0, updated = 0;
        var batch = new List<Row>(batchSize);
        while (true)
        {
            batch.Clear();
            await ReadBatchAsync(db, lastId, batchSize, batch, ct);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            checkedCount += batch.Count;
            var stale = batch.Where(r => r.Score != r.Stored).ToList();
            if (stale.Count > 0) updated += await WriteAsync(db, stale, ct);
            progress?.Invoke(checkedCount);
        }
        return new Result(checkedCount, updated);
    }

    private static async Task ReadBatchAsync(AppDbContext db, long afterId, int take, List<Row> into, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var opened = conn.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = Sql.Command(conn, null,
                "SELECT \"Id\", \"Upvotes\", \"LocalUpvotes\", \"CommentCount\", \"LocalComments\", \"SubmittedAt\", \"Trending\" " +
                "FROM daily_entries WHERE \"Id\" > @after ORDER BY \"Id\" LIMIT @take");
            Sql.Add(cmd, "@after", afterId);
            Sql.Add(cmd, "@take", take);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                into.Add(new Row(r.GetInt64(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetDateTime(5), r.GetDouble(6)));
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One transaction per batch, one prepared statement for its rows.</summary>
    private static Task<int> WriteAsync(AppDbContext db, List<Row> stale, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var (conn, tx) = Transactions.Ado(db);
            await using var cmd = Sql.Command(conn, tx,
                "UPDATE daily_entries SET \"Trending\" = @score WHERE \"Id\" = @id AND \"Upvotes\" = @u AND \"LocalUpvotes\" = @lu " +
                "AND \"CommentCount\" = @c AND \"LocalComments\" = @lc");
            DbParameter score = Sql.Add(cmd, "@score", 0.0), id = Sql.Add(cmd, "@id", 0L), u = Sql.Add(cmd, "@u", 0),
                lu = Sql.Add(cmd, "@lu", 0), c = Sql.Add(cmd, "@c", 0), lc = Sql.Add(cmd, "@lc", 0);
            var written = 0;
            foreach (var row in stale)
            {
                score.Value = row.Score;
                id.Value = row.Id;
                u.Value = row.Upvotes;
                lu.Value = row.LocalUpvotes;
                c.Value = row.Comments;
                lc.Value = row.LocalComments;
                written += await cmd.ExecuteNonQueryAsync(t);
            }
            return written;
        }, ct);
}
