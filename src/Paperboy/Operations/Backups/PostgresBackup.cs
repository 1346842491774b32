using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Paperboy.Data;

namespace Paperboy.Operations.Backups;

/// <summary>
/// Backup and restore of a PostgreSQL database with PostgreSQL's own tools: a backup is a <c>pg_dump</c> archive in
/// the custom format, restored with <c>pg_restore</c> in one transaction. The connection reaches the tools through
/// libpq's environment variables, so the password is never on a command line.
/// </summary>
public static partial class PostgresBackup
{
    private static readonly byte[] Magic = "PGDMP"u8.ToArray();

    public static bool IsDumpFile(string path)
    {
        using var f = File.OpenRead(path);
        var head = new byte[Magic.Length];
        return f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(Magic);
    }

    /// <summary>Fails with exit code 2 unless <paramref name="file"/> starts as a pg_dump archive does.</summary>
    public static void CheckFile(string file)
    {
        if (!IsDumpFile(file))
            throw new BackupFailure(2, $"{file}: not a pg_dump archive (custom format), so not a Paperboy backup of PostgreSQL" +
                (SqliteBackup.IsSqliteFile(file) ? " (it is a SQLite database: restore it without --database)" : ""));
    }

    /// <summary>
    /// pg_dump's output is the database as of one snapshot; the papers are counted in that same snapshot (exported
    /// to pg_dump), so the summary says exactly what the file holds while writes go on.
    /// </summary>
    public static async Task<BackupSummary> BackupAsync(DatabaseOptions database, string outFile, CancellationToken ct)
    {
        var pgDump = FindTool("pg_dump");
        var tmp = outFile + ".tmp";
        try
        {
            await using var conn = await OpenAsync(database, ct);
            await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var snapshot = (string)(await Scalar(conn, tx, "SELECT pg_export_snapshot()", ct))!;
            var papers = (long)(await Scalar(conn, tx, "SELECT count(*) FROM papers", ct))!;
            File.Delete(tmp);
            await RunAsync(pgDump, database, ["--format=custom", $"--file={tmp}", $"--snapshot={snapshot}"], ct);
            await tx.CommitAsync(ct);
            File.Move(tmp, outFile, overwrite: true);
            return new BackupSummary(outFile, new FileInfo(outFile).Length, papers);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException)
        {
            File.Delete(tmp);
            throw new BackupFailure(3, $"backup failed: {e.Message}");
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>
    /// Checks the archive (<c>pg_restore --list</c>) and the target (no other session, empty unless
    /// <paramref name="force"/>) before touching anything, then restores in one transaction: a failure leaves the
    /// database as it was. An older backup is then migrated to this build's schema.
    /// </summary>
    public static async Task<BackupSummary> RestoreAsync(string file, DatabaseOptions database, bool force, CancellationToken ct)
    {
        CheckFile(file);
        var pgRestore = FindTool("pg_restore");
        var list = await RunAsync(pgRestore, database, ["--list", file], ct, failure: 2);
        if (!PapersTable().IsMatch(list))
            throw new BackupFailure(2, $"{file}: a pg_dump archive, but not Paperboy's (it has no papers table)");
        await CheckSchemaKnownAsync(pgRestore, file, database, ct);
        await CheckTargetFreeAsync(database, force, ct);
        await RunAsync(pgRestore, database, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", $"--dbname={DatabaseName(database)}", file], ct);
        try
        {
            await using var db = DataServices.CreateContext(new DataFolder(Path.GetTempPath()), database);
            await DataServices.MigrateAsync(db, ct);
            await using var conn = await OpenAsync(database, ct);
            var papers = (long)(await Scalar(conn, null, "SELECT count(*) FROM papers", ct))!;
            return new BackupSummary(file, new FileInfo(file).Length, papers);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw new BackupFailure(3, $"the backup was restored, but bringing its schema up to date failed: {e.Message}");
        }
    }

    /// <summary>
    /// Refuses an archive with migrations this build does not have: restoring it would leave a schema this build
    /// cannot use and cannot migrate back. The archive's migration history is read with pg_restore, not restored.
    /// </summary>
    private static async Task CheckSchemaKnownAsync(string pgRestore, string file, DatabaseOptions database, CancellationToken ct)
    {
        var script = await RunAsync(pgRestore, database, ["--data-only", "--table=__EFMigrationsHistory", "--file=-", file], ct, failure: 2);
        var applied = new List<string>();
        var inCopy = false;
        foreach (var line in script.Split('\n'))
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal) && line.Contains("__EFMigrationsHistory", StringComparison.Ordinal)) inCopy = true;
            else if (inCopy && line == "\\.") inCopy = false;
            else if (inCopy && line.Length > 0) applied.Add(line.Split('\t')[0]);
        }
        await using var db = DataServices.CreateContext(new DataFolder(Path.GetTempPath()), database);
        var unknown = applied.Except(db.Database.GetMigrations()).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new BackupFailure(2, $"{file}: made by a newer Paperboy (schema {unknown[^1]}): upgrade this one first");
    }

    private static async Task CheckTargetFreeAsync(DatabaseOptions database, bool force, CancellationToken ct)
    {
        await using var conn = await OpenAsync(database, ct);
        var others = (long)(await Scalar(conn, null,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", ct))!;
        if (others > 0)
            throw new BackupFailure(2, $"database {conn.Database} has {others} other session(s) (a running server?): stop them first.");
        var papers = await CountIfExists(conn, "papers", ct);
        var members = await CountIfExists(conn, "users", ct);
        if ((papers > 0 || members > 0) && !force)
            throw new BackupFailure(2, $"database {conn.Database} holds {papers:N0} papers and {members:N0} members: add --force to replace it.");
    }

    private static async Task<long> CountIfExists(NpgsqlConnection conn, string table, CancellationToken ct) =>
        await Scalar(conn, null, $"SELECT to_regclass('{table}') IS NOT NULL", ct) is true
            ? (long)(await Scalar(conn, null, $"SELECT count(*) FROM {table}", ct))!
            : 0;

    /// <summary>The tool on PATH, else the newest in Debian's /usr/lib/postgresql/VERSION/bin; exit code 3 without one.</summary>
    public static string FindTool(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Tool: Path.Combine(d, "bin", name)))
                .Where(t => File.Exists(t.Tool)).OrderByDescending(t => t.Version).Select(t => t.Tool).FirstOrDefault()
            : null;
        return debian ?? throw new BackupFailure(3,
            $"{name} was not found on PATH or in /usr/lib/postgresql/*/bin: install PostgreSQL's client tools (Debian: postgresql-client) at the server's version or newer.");
    }

    /// <summary>Runs a PostgreSQL tool; its error output becomes the message of a failure with exit code <paramref name="failure"/>.</summary>
    private static async Task<string> RunAsync(string tool, DatabaseOptions database, string[] args, CancellationToken ct, int failure = 3)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in LibpqEnvironment(database)) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupFailure(failure, $"{Path.GetFileName(tool)} failed (exit code {process.ExitCode}){(failure == 3 && tool.EndsWith("pg_restore") ? ", the database is as it was" : "")}: {(await stderr).Trim()}");
        return await stdout;
    }

    /// <summary>The connection string as libpq's variables (PGHOST, PGPORT, ...), which pg_dump and pg_restore read.</summary>
    private static Dictionary<string, string?> LibpqEnvironment(DatabaseOptions database)
    {
        var b = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return new()
        {
            ["PGHOST"] = b.Host,
            ["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = DatabaseName(database),
            ["PGUSER"] = b.Username,
            ["PGPASSWORD"] = b.Password,
            ["PGSSLMODE"] = b.SslMode switch
            {
                SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer",
            },
            ["PGPASSFILE"] = b.Passfile,
        };
    }

    /// <summary>Npgsql, like libpq, takes the user's name for a database left out.</summary>
    private static string DatabaseName(DatabaseOptions database)
    {
        var b = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return b.Database ?? b.Username ?? Environment.UserName;
    }

    private static async Task<NpgsqlConnection> OpenAsync(DatabaseOptions database, CancellationToken ct)
    {
        // Unpooled: an idle pooled connection of this process would count as another session on the restore's check.
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        return conn;
    }

    private static async Task<object?> Scalar(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return await cmd.ExecuteScalarAsync(ct);
    }

    [GeneratedRegex(@"\bTABLE \S+ papers\b")]
    private static partial Regex PapersTable();
}
