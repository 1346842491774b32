using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Bench.Digests;

/// <summary>
/// <c>digest compose --data DIR [--database CS] [--subscribers N] [--day D] [--search-pool N] [--author-pool N] [--seed S]</c>:
/// composes (never sends) one daily digest for each of N subscribers of mixed kinds (<see cref="DigestSubscribers"/>)
/// through the application's own services, every core busy, each message written out as it would be sent; digests
/// with nothing in them are skipped as the sender skips them. Markdown on standard output.
/// </summary>
public static class DigestCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Paperboy's data folder (the SQLite database)", Required = true };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string instead of SQLite" };
        var subscribers = new Option<int>("--subscribers") { Description = "Subscribers to compose for", DefaultValueFactory = _ => 100_000 };
        var day = new Option<string?>("--day") { Description = "The digest's day, yyyy-MM-dd (default: the latest day on the feed)" };
        var searchPool = new Option<int>("--search-pool") { Description = "Distinct saved searches to draw from", DefaultValueFactory = _ => 10_000 };
        var authorPool = new Option<int>("--author-pool") { Description = "Distinct authors to draw from", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "Digests composed at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var compose = new Command("compose", "Compose a daily digest for N subscribers of mixed kinds; report subscribers/s")
            { data, database, subscribers, day, searchPool, authorPool, seed, workers };
        compose.Validators.Add(r =>
        {
            // Options left out are not given their defaults yet when validators run: only values typed are checked here.
            if (r.GetResult(subscribers) is { Implicit: false } && r.GetValue(subscribers) < 1) r.AddError("--subscribers must be at least 1");
            if (r.GetResult(workers) is { Implicit: false } && r.GetValue(workers) < 1) r.AddError("--workers must be at least 1");
            if (r.GetValue(day) is { } d && !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                r.AddError("--day must be yyyy-MM-dd");
        });
        compose.SetAction(async (r, ct) =>
        {
            var folder = new DataFolder(Path.GetFullPath(r.GetValue(data)!));
            var app = WebApp.Build([], folder, new DatabaseOptions { ConnectionString = r.GetValue(database) }, b =>
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Paperboy:Mail:PublicUrl"] = DigestSubscribers.Origin,
                    ["Paperboy:Mail:From"] = "digest@papers.example.org",
                    ["Logging:LogLevel:Default"] = "Warning",
                }));
            await using (app)
            {
                var setup = Stopwatch.StartNew();
                DateOnly when;
                int papers;
                DigestSubscribers.Mix mix;
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    when = r.GetValue(day) is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : await FeedQueries.LatestDayAsync(db, ct) ?? throw new InvalidOperationException("the feed is empty");
                    mix = await DigestSubscribers.CreateAsync(db, r.GetValue(subscribers), r.GetValue(searchPool), r.GetValue(authorPool), r.GetValue(seed), ct);
                    papers = await db.Papers.CountAsync(ct);
                }
                Console.Error.WriteLine($"{mix.Recipients.Count:N0} subscribers ready in {setup.Elapsed.TotalSeconds:N1} s; " +
                    $"composing the digests of {when:yyyy-MM-dd}");
                var result = await DigestRun.RunAsync(app.Services.GetRequiredService<DigestContentSource>(),
                    app.Services.GetRequiredService<DigestComposer>(), mix.Recipients, DigestPeriod.Daily(when), r.GetValue(workers), ct);
                Report(result, mix, when, papers, r.GetValue(workers));
                return 0;
            }
        });
        return new Command("digest", "Digest benchmarks") { compose };
    }

    private static void Report(DigestRun.Result r, DigestSubscribers.Mix mix, DateOnly day, int papers, int workers)
    {
        var s = r.Seconds;
        var busy = r.ContentSeconds + r.ComposeSeconds + r.WriteSeconds;
        string Share(double part) => busy == 0 ? "0%" : (part / busy).ToString("P0", CultureInfo.InvariantCulture);
        Console.WriteLine($"{mix.Recipients.Count:N0} subscribers, daily digest of {day:yyyy-MM-dd} over {papers:N0} papers; " +
            $"{mix.Categories:N0} distinct categories, {mix.Searches:N0} saved searches and {mix.Authors:N0} authors followed; " +
            $"{workers} workers.");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| total (first digest begun to last message written; the period's papers read and indexed on the way) | {s:N1} s |");
        Console.WriteLine($"| subscribers/s | {mix.Recipients.Count / s:N0} |");
        Console.WriteLine($"| CPU time of the process over the same span | {r.CpuSeconds:N1} s ({r.CpuSeconds / s:N2} cores busy) |");
        Console.WriteLine($"| digests composed and written | {r.Composed:N0} ({r.Bytes / Math.Max(1, r.Composed) / 1024.0:N1} KiB each on average) |");
        Console.WriteLine($"| empty digests skipped | {r.Empty:N0} ({(double)r.Empty / mix.Recipients.Count:P1}) |");
        Console.WriteLine($"| worker time: content / message / writing | {Share(r.ContentSeconds)} / {Share(r.ComposeSeconds)} / {Share(r.WriteSeconds)} |");
        Console.WriteLine($"| peak working set (this process) | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB |");
        Console.WriteLine($"RESULT seconds={s:F2} rate={mix.Recipients.Count / s:F0} composed={r.Composed} empty={r.Empty}");
    }
}
