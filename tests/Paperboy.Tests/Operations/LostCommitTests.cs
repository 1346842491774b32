using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Paperboy.Community.Comments;
using Paperboy.Data;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// On PostgreSQL every write is retried whole after a transient failure. When the connection drops after the
/// server committed but before it said so, the retry runs on a database that already holds the first attempt:
/// a comment, which adds a row rather than stating an outcome, must not be stored twice.
/// </summary>
public class LostCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommitAcknowledgementLost_TheRetryStoresTheCommentOnce()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        await FaultSite.SeedAsync(database.CreateContext, 1, ["writer"]);
        var lose = new LoseFirstCommitAcknowledgement();
        var options = new DbContextOptionsBuilder<PostgresDbContext>();
        DataServices.ConfigurePostgres(options, database.Options.ConnectionString!);
        options.AddInterceptors(lose);
        await using var db = new PostgresDbContext(options.Options);
        var userId = await db.Users.Where(u => u.UserName == "writer").Select(u => u.Id).SingleAsync(Ct);
        var paperId = await db.Papers.Where(p => p.ArxivId == FaultSite.PaperId(1)).Select(p => p.Id).SingleAsync(Ct);

        var id = await new CommentService(db, new CommentMarkdown(), TimeProvider.System).PostAsync(userId, paperId, null, "Said *once*", Ct);

        Assert.Equal(2, lose.Commits); // the first commit's acknowledgement was lost and the whole write ran again
        await using var check = database.CreateContext();
        Assert.Equal([id!.Value], await check.Comments.Where(c => c.PaperId == paperId).Select(c => c.Id).ToListAsync(Ct));
        await FaultSite.AssertDerivedStateAsync(database.CreateContext);
    }

    /// <summary>The server commits; the client hears a dropped connection instead, once.</summary>
    private sealed class LoseFirstCommitAcknowledgement : DbTransactionInterceptor
    {
        public int Commits;

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) =>
            Interlocked.Increment(ref Commits) == 1
                ? throw new NpgsqlException("the connection dropped before the commit was acknowledged", new IOException("connection reset by peer"))
                : Task.CompletedTask;
    }
}
