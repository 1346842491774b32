using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Paperboy.Data;

/// <summary>
/// One queue per SQLite file for this process's write transactions. SQLite lets one writer in at a time and
/// Microsoft.Data.Sqlite answers a locked database by putting the thread to sleep and trying again, so under
/// a burst of votes most requests slept instead of working. Waiting here instead is asynchronous and first
/// come, first served: a writer starts the moment the one before it commits. Other processes (an import
/// run from the command line) still meet the lock and the driver's retry.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Enters the gate of the context's database; null (nothing to leave) on PostgreSQL.</summary>
    public static async Task<IDisposable?> EnterAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        var gate = Gates.GetOrAdd(db.Database.GetDbConnection().DataSource, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Exit(gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }
}
