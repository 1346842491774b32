using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Cli;

/// <summary><c>paperboy stats [--json]</c>: papers, daily entries, days, database size.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var cmd = new Command("stats", "Show what the database holds") { json };
        cmd.SetAction(async (r, ct) =>
        {
            var data = CliOptions.DataFolder(r);
            var options = CliOptions.DatabaseOptions(r);
            await using var db = DataServices.CreateContext(data, options);
            await DataServices.MigrateAsync(db, ct);
            var stats = new
            {
                papers = await db.Papers.LongCountAsync(ct),
                dailyEntries = await db.DailyEntries.LongCountAsync(ct),
                days = await db.DailyEntries.Select(d => d.Day).Distinct().CountAsync(ct),
                firstDay = await db.DailyEntries.MinAsync(d => (DateOnly?)d.Day, ct),
                lastDay = await db.DailyEntries.MaxAsync(d => (DateOnly?)d.Day, ct),
                databaseBytes = await DatabaseSize.BytesAsync(db, data, ct),
                provider = options.UsePostgres ? "postgresql" : "sqlite",
            };
            if (r.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(stats, new JsonSerializerOptions { WriteIndented = true }));
            else
            {
                Console.WriteLine($"papers         {stats.papers:N0}");
                Console.WriteLine($"daily entries  {stats.dailyEntries:N0}");
                Console.WriteLine($"days           {stats.days:N0} ({stats.firstDay?.ToString("yyyy-MM-dd") ?? "-"} .. {stats.lastDay?.ToString("yyyy-MM-dd") ?? "-"})");
                Console.WriteLine($"database       {stats.databaseBytes / 1048576.0:N1} MiB ({stats.provider})");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
