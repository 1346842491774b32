using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Trending;
using Paperboy.Data;

namespace Paperboy.Community.Votes;

/// <summary>The result of setting a vote: whether the member now upvotes the paper, and the paper's new count.</summary>
public sealed record VoteResult(bool Voted, int Upvotes);

public sealed class VoteService(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Sets one member's vote on a paper to <paramref name="up"/>. Saying the wanted state rather than "toggle"
    /// makes a double click or a retried request harmless. The vote row and the entry's count change in one
    /// transaction; the (UserId, PaperId) key refuses a second vote row however many requests race.
    /// Null when the paper is not on the feed (or hidden), where there is nothing to vote on.
    /// </summary>
    /// <remarks>
    /// Anonymous feed pages and the feed API are cached for a few seconds and are not cleared here: under a
    /// burst of votes that cache is what keeps reads cheap, and a count a few seconds old is harmless. The
    /// voter's own pages are never cached.
    /// </remarks>
    public Task<VoteResult?> SetAsync(long userId, long paperId, bool up, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            // The vote row changes only while the paper is listed and not hidden, checked in the same statement.
            const string listed = "EXISTS (SELECT 1 FROM daily_entries WHERE \"PaperId\" = @p AND \"HiddenAt\" IS NULL)";
            var (conn, tx) = Transactions.Ado(db);
            await using var write = Sql.Command(conn, tx, up
                ? $"INSERT INTO votes (\"UserId\", \"PaperId\", \"CreatedAt\") SELECT @u, @p, @at WHERE {listed} ON CONFLICT DO NOTHING"
                : $"DELETE FROM votes WHERE \"UserId\" = @u AND \"PaperId\" = @p AND {listed}");
            Sql.Add(write, "@u", userId);
            Sql.Add(write, "@p", paperId);
            if (up) Sql.Add(write, "@at", clock.GetUtcNow().UtcDateTime);
            var changed = await write.ExecuteNonQueryAsync(t);
            var counts = await EntryCounts.AdjustAsync(db, paperId, changed == 0 ? 0 : up ? 1 : -1, 0, t);
            return counts is null || counts.Hidden ? null : new VoteResult(up, counts.Upvotes);
        }, ct);

    /// <summary>Which of <paramref name="paperIds"/> the member has upvoted, for drawing the cards.</summary>
    public async Task<HashSet<long>> VotedAsync(long userId, IReadOnlyCollection<long> paperIds, CancellationToken ct) =>
        paperIds.Count == 0
            ? []
            : (await db.Votes.Where(v => v.UserId == userId && paperIds.Contains(v.PaperId)).Select(v => v.PaperId).ToListAsync(ct)).ToHashSet();
}
