using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Community.Trending;

/// <summary>A feed entry's counts as they stand after a change, its trending score, and whether it is hidden.</summary>
public sealed record EntryCounts(long PaperId, int Upvotes, int Comments, double Trending, bool Hidden)
{
    /// <summary>
    /// Inside the caller's transaction: adds to the entry's local vote and comment counts, then stores the
    /// trending score of the new counts. The increment and the read are one statement (UPDATE ... RETURNING), so
    /// concurrent writers each see their own result and the score is computed from what was really stored.
    /// Returns null when the paper is not on the feed.
    /// </summary>
    public static async Task<EntryCounts?> AdjustAsync(AppDbContext db, long paperId, int votes, int comments, CancellationToken ct)
    {
        var (conn, tx) = Transactions.Ado(db);
        int upvotes, commentCount;
        DateTime submittedAt;
        bool hidden;
        await using (var cmd = Sql.Command(conn, tx,
            "UPDATE daily_entries SET \"LocalUpvotes\" = \"LocalUpvotes\" + @v, \"LocalComments\" = \"LocalComments\" + @c " +
            "WHERE \"PaperId\" = @p " +
            "RETURNING \"Upvotes\" + \"LocalUpvotes\", \"CommentCount\" + \"LocalComments\", \"SubmittedAt\", \"HiddenAt\" IS NOT NULL"))
        {
            Sql.Add(cmd, "@v", votes);
            Sql.Add(cmd, "@c", comments);
            Sql.Add(cmd, "@p", paperId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            upvotes = Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            commentCount = Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            submittedAt = r.GetDateTime(2);
            hidden = Convert.ToBoolean(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
        }
        var score = TrendingScore.Compute(upvotes, commentCount, submittedAt);
        await using (var cmd = Sql.Command(conn, tx, "UPDATE daily_entries SET \"Trending\" = @t WHERE \"PaperId\" = @p"))
        {
            Sql.Add(cmd, "@t", score);
            Sql.Add(cmd, "@p", paperId);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return new EntryCounts(paperId, upvotes, commentCount, score, hidden);
    }

    public static double ScoreOf(DailyEntry e) => TrendingScore.Compute(e.TotalUpvotes, e.TotalComments, e.SubmittedAt);
}
