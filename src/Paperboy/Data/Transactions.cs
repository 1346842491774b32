using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Paperboy.Data;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the context's execution strategy, which on
    /// PostgreSQL retries the whole unit after a transient failure (so work must be safe to run again: every
    /// write here states its outcome, "voted", rather than a change, "one more vote"). On SQLite the
    /// transaction is IMMEDIATE, taking the write lock at once, and this process's writers queue for it in
    /// <see cref="SqliteWriteGate"/>.
    /// </summary>
    public static Task<T> RunAsync<T>(AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async retryCt =>
        {
            db.ChangeTracker.Clear();
            using var turn = await SqliteWriteGate.EnterAsync(db, retryCt);
            await using var tx = await db.Database.BeginTransactionAsync(retryCt);
            var result = await work(retryCt);
            await tx.CommitAsync(retryCt);
            return result;
        }, ct);

    /// <summary>The open transaction's ADO.NET objects, for the few statements written by hand.</summary>
    public static (System.Data.Common.DbConnection Connection, System.Data.Common.DbTransaction? Transaction) Ado(AppDbContext db) =>
        (db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
}
