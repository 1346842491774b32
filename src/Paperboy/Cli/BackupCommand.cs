using System.CommandLine;
using Paperboy.Operations.Backups;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy backup --out FILE</c>: a consistent copy of the database while the site runs and writes (SQLite's
/// backup API, or pg_dump's custom format on PostgreSQL). The search index is not in it: it is rebuilt from the
/// database after a restore.
/// </summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The file to write (a SQLite file, or a pg_dump archive on PostgreSQL)", Required = true };
        var cmd = new Command("backup", "Copy the database to a file, online") { output };
        cmd.SetAction(async (r, ct) =>
        {
            var file = Path.GetFullPath(r.GetValue(output)!);
            var options = CliOptions.DatabaseOptions(r);
            return await RunAsync(async () =>
            {
                if (!Directory.Exists(Path.GetDirectoryName(file)))
                    throw new BackupFailure(ExitCodes.Usage, $"{Path.GetDirectoryName(file)}: no such folder");
                var summary = options.UsePostgres
                    ? await PostgresBackup.BackupAsync(options, file, ct)
                    : SqliteBackup.Backup(CliOptions.DataFolder(r), file);
                Console.WriteLine($"backup: {summary.File}, {Size(summary.Bytes)}, {summary.Papers:N0} papers ({(options.UsePostgres ? "pg_dump custom format" : "sqlite")})");
            });
        });
        return cmd;
    }

    /// <summary>Runs a backup or restore, turning its failure into a message on stderr and its exit code.</summary>
    internal static async Task<int> RunAsync(Func<Task> work)
    {
        try
        {
            await work();
            return ExitCodes.Ok;
        }
        catch (BackupFailure e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }

    internal static string Size(long bytes) => bytes < 1 << 20 ? $"{bytes / 1024.0:N1} KiB" : $"{bytes / 1048576.0:N1} MiB";
}
