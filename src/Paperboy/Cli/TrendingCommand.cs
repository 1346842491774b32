using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Trending;
using Paperboy.Data;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy trending backfill [--batch-size N]</c>: recomputes every feed entry's trending score and stores the
/// ones that differ, with progress. For a database filled by an import, or after a change of the formula; the
/// running site does the same for stale scores every few minutes (Paperboy:Trending:RefreshMinutes).
/// </summary>
public static class TrendingCommand
{
    public static Command Create()
    {
        var batch = new Option<int>("--batch-size")
        {
            Description = "Entries per transaction",
            DefaultValueFactory = _ => TrendingRecompute.DefaultBatchSize,
        };
        var backfill = new Command("backfill", "Recompute every entry's trending score") { batch };
        backfill.SetAction(async (r, ct) =>
        {
            if (r.GetValue(batch) < 1)
            {
                Console.Error.WriteLine("--batch-size must be at least 1.");
                return ExitCodes.Usage;
            }
            await using var db = DataServices.CreateContext(CliOptions.DataFolder(r), CliOptions.DatabaseOptions(r));
            await DataServices.MigrateAsync(db, ct);
            var total = await db.DailyEntries.LongCountAsync(ct);
            var result = await Progress.RunAsync("Trending scores", "entries", p =>
                TrendingRecompute.RunAsync(db, r.GetValue(batch), done => p.Report(total == 0 ? 1 : (double)done / total, done), ct));
            Console.WriteLine($"trending: checked {result.Checked:N0} entries, updated {result.Updated:N0} scores");
            return ExitCodes.Ok;
        });
        return new Command("trending", "Trending scores") { backfill };
    }
}
