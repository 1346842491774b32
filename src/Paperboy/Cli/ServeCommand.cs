using System.CommandLine;
using Paperboy.Community.Trending;
using Paperboy.Data;
using Paperboy.Demo;
using Paperboy.Web;

namespace Paperboy.Cli;

/// <summary><c>paperboy serve [--urls URL] [--demo]</c></summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var demo = new Option<bool>("--demo") { Description = "Start on a throwaway database filled with sample papers" };
        var cmd = new Command("serve", "Run the web site") { urls, demo };
        cmd.SetAction(async (r, ct) =>
        {
            if (r.GetValue(demo)) return await ServeDemoAsync(r.GetValue(urls)!, ct);
            var data = CliOptions.DataFolder(r);
            if (!DataFolderLock.TryTake(data, out var held))
            {
                Console.Error.WriteLine($"{System.IO.Path.GetFullPath(data.Path)}: another paperboy serve is running on this data folder " +
                                        $"(it holds {DataFolderLock.FileName}). Stop it first; several servers each need their own --data folder.");
                return ExitCodes.Usage;
            }
            using var _ = held;
            var app = WebApp.Build(["--urls", r.GetValue(urls)!], data, CliOptions.DatabaseOptions(r));
            await WebApp.MigrateAsync(app);
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>
    /// Serves the sample papers from a SQLite database in a fresh temporary folder, whatever --data and --database
    /// say, so a demo never touches real data. The folder is deleted when the server stops (Ctrl+C, SIGTERM).
    /// </summary>
    private static async Task<int> ServeDemoAsync(string urls, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("paperboy-demo-");
        try
        {
            // The command line outranks appsettings and the environment: no configured PostgreSQL is used.
            var app = WebApp.Build(["--urls", urls, $"--{DatabaseOptions.Section}:ConnectionString="],
                new DataFolder(folder.FullName), new DatabaseOptions());
            await WebApp.MigrateAsync(app);
            await DemoData.SeedAsync(app.Services, ct);
            // The sample papers are ranked on the trending page at once, not at the refresher's first tick.
            await app.Services.GetRequiredService<TrendingRefresher>().RefreshAsync(ct);
            Console.WriteLine($"Demo mode: sample papers in {folder.FullName}, deleted when the server stops.");
            Console.WriteLine($"Sign in as '{DemoData.DemoUser}' with the password '{DemoData.DemoPassword}' (an administrator).");
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); }
            catch (IOException e) { Console.Error.WriteLine($"Could not delete the demo folder {folder.FullName}: {e.Message}"); }
        }
    }
}
