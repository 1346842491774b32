using System.CommandLine;
using Paperboy.Operations.Backups;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy restore FILE [--force]</c>: puts a backup in place of the database, with the site stopped. Every
/// check runs before anything changes; then the database is replaced whole (SQLite: a rename; PostgreSQL: one
/// transaction), migrated if the backup is older, and the search index is emptied so it is rebuilt from it.
/// </summary>
public static class RestoreCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A file written by 'paperboy backup'" };
        var force = new Option<bool>("--force") { Description = "Replace a database that already holds papers or members" };
        var cmd = new Command("restore", "Replace the database with a backup (stop the site first)") { file, force };
        cmd.SetAction(async (r, ct) =>
        {
            var path = Path.GetFullPath(r.GetValue(file)!);
            var data = CliOptions.DataFolder(r);
            var options = CliOptions.DatabaseOptions(r);
            return await BackupCommand.RunAsync(async () =>
            {
                if (!File.Exists(path)) throw new BackupFailure(ExitCodes.Usage, $"{path}: no such file");
                if (options.UsePostgres) PostgresBackup.CheckFile(path);
                else SqliteBackup.CheckFile(path);
                Directory.CreateDirectory(data.Path);
                // Held from here to the end: no server starts on this folder while the database is replaced.
                using var derived = DerivedState.Take(data);
                var summary = options.UsePostgres
                    ? await PostgresBackup.RestoreAsync(path, options, r.GetValue(force), ct)
                    : await SqliteBackup.RestoreAsync(path, data, r.GetValue(force), ct);
                derived.Reset();
                Console.WriteLine($"restore: {path} ({BackupCommand.Size(summary.Bytes)}) is the database now, {summary.Papers:N0} papers " +
                    $"({(options.UsePostgres ? "postgresql" : summary.File)})");
                Console.WriteLine("The search index was emptied: the site rebuilds it from the database when it starts (or run 'paperboy index rebuild').");
            });
        });
        return cmd;
    }
}
