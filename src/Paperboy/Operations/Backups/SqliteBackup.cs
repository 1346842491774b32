using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Operations.Backups;

/// <summary>
/// Backup and restore of the SQLite database. A backup is an ordinary SQLite file (journal mode DELETE, so it
/// stands alone), readable by any SQLite tool; a restore accepts that or a copy of a stopped site's paperboy.db.
/// </summary>
public static class SqliteBackup
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    public static bool IsSqliteFile(string path)
    {
        using var f = File.OpenRead(path);
        var head = new byte[Header.Length];
        return f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(Header);
    }

    /// <summary>Fails with exit code 2 unless <paramref name="file"/> starts as a SQLite database does.</summary>
    public static void CheckFile(string file)
    {
        if (!IsSqliteFile(file))
            throw new BackupFailure(2, $"{file}: not a SQLite database, so not a Paperboy backup of SQLite" +
                (PostgresBackup.IsDumpFile(file) ? " (it is a pg_dump archive: restore it with --database)" : ""));
    }

    /// <summary>
    /// Copies the database online into <paramref name="outFile"/> through SQLite's backup API, while the site
    /// reads and writes. The copy is one step under one read transaction: under WAL, writers go on beside it and
    /// the copy is the database as of that transaction's start. It is written beside the target and renamed, so
    /// <paramref name="outFile"/> is either the previous backup or the whole new one.
    /// </summary>
    public static BackupSummary Backup(DataFolder data, string outFile)
    {
        if (!File.Exists(data.SqliteFile))
            throw new BackupFailure(2, $"{data.SqliteFile}: no database here (is --data right?)");
        if (Path.GetFullPath(outFile) == Path.GetFullPath(data.SqliteFile))
            throw new BackupFailure(2, "--out must not be the database itself");
        var tmp = outFile + ".tmp";
        try
        {
            DeleteWithJournals(tmp);
            using (var source = Open(data.SqliteFile))
            using (var target = Open(tmp))
            {
                source.BackupDatabase(target);
                // The copy carries the source's WAL flag; DELETE keeps it one self-contained file.
                Execute(target, "PRAGMA journal_mode=DELETE;");
            }
            var papers = CountPapers(tmp);
            Flush(tmp);
            File.Move(tmp, outFile, overwrite: true);
            return new BackupSummary(outFile, new FileInfo(outFile).Length, papers);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            DeleteWithJournals(tmp);
            throw new BackupFailure(3, $"backup failed: {e.Message}");
        }
    }

    /// <summary>
    /// Replaces the data folder's database with <paramref name="file"/>. Every check runs before anything is
    /// touched; the backup is copied beside the database, checked and migrated there, then renamed over it, so a
    /// failure at any point leaves the old database whole. The caller holds <see cref="DerivedState"/>.
    /// </summary>
    public static async Task<BackupSummary> RestoreAsync(string file, DataFolder data, bool force, CancellationToken ct)
    {
        CheckFile(file);
        CheckTargetFree(data, force);
        var tmp = data.SqliteFile + ".restoring";
        try
        {
            DeleteWithJournals(tmp);
            File.Copy(file, tmp);
            await PrepareAsync(file, tmp, ct);
            var papers = CountPapers(tmp);
            Flush(tmp);
            // The old database's log must not outlive it: SQLite would replay it into the new file. It was
            // checkpointed into the file under the exclusive lock above, so nothing is lost by deleting it.
            File.Delete(data.SqliteFile + "-wal");
            File.Delete(data.SqliteFile + "-shm");
            File.Move(tmp, data.SqliteFile, overwrite: true);
            return new BackupSummary(data.SqliteFile, new FileInfo(data.SqliteFile).Length, papers);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            DeleteWithJournals(tmp);
            throw new BackupFailure(3, $"restore failed, the database is as it was: {e.Message}");
        }
        catch
        {
            DeleteWithJournals(tmp);
            throw;
        }
    }

    /// <summary>
    /// Refuses a database another process has open (a server's pooled connections, an import): in WAL mode an
    /// exclusive locking mode is granted only to the one connection that has the file open. Then refuses one that
    /// holds papers or members unless <paramref name="force"/>. Empties the log into the file on the way out.
    /// </summary>
    private static void CheckTargetFree(DataFolder data, bool force)
    {
        if (!File.Exists(data.SqliteFile)) return;
        long papers, members;
        try
        {
            using var c = Open(data.SqliteFile);
            // The driver retries a busy statement for its command timeout (30 s by default): ask once, briefly.
            Execute(c, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;", timeoutSeconds: 1);
            papers = TableExists(c, "papers") ? Scalar(c, "SELECT count(*) FROM papers") : 0;
            members = TableExists(c, "users") ? Scalar(c, "SELECT count(*) FROM users") : 0;
            Execute(c, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xff) is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new BackupFailure(2, $"{data.SqliteFile} is in use by another process (a running server or an import): stop it first.");
        }
        if ((papers > 0 || members > 0) && !force)
            throw new BackupFailure(2, $"{data.SqliteFile} holds {papers:N0} papers and {members:N0} members: add --force to replace it.");
    }

    /// <summary>Checks the copy is a Paperboy database this build can read, and brings its schema up to date.</summary>
    private static async Task PrepareAsync(string file, string tmp, CancellationToken ct)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = tmp, Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<SqliteDbContext>();
        DataServices.ConfigureSqlite(options, cs);
        await using var db = new SqliteDbContext(options.Options);
        List<string> applied;
        try
        {
            applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26) // SQLITE_NOTADB: a damaged file
        {
            throw new BackupFailure(2, $"{file}: not a readable SQLite database ({e.Message})");
        }
        if (applied.Count == 0 || !applied.Contains(db.Database.GetMigrations().First()))
            throw new BackupFailure(2, $"{file}: a SQLite database, but not Paperboy's (it has no Paperboy schema)");
        var unknown = applied.Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
            throw new BackupFailure(2, $"{file}: made by a newer Paperboy (schema {unknown[^1]}): upgrade this one first");
        // An older backup gets the migrations it lacks before it is put in place.
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;", ct);
    }

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static long CountPapers(string path)
    {
        using var c = Open(path);
        return Scalar(c, "SELECT count(*) FROM papers");
    }

    private static bool TableExists(SqliteConnection c, string table)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        cmd.Parameters.AddWithValue("$t", table);
        return (long)cmd.ExecuteScalar()! > 0;
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection c, string sql, int timeoutSeconds = 30)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = timeoutSeconds;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Makes the file's bytes durable before it is renamed into place.</summary>
    private static void Flush(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        f.Flush(flushToDisk: true);
    }

    private static void DeleteWithJournals(string path)
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(path + suffix);
    }
}
