using System.CommandLine;
using Paperboy.Data;
using Paperboy.Import.OaiPmh;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy harvest [--url URL] [--prefix arXiv|arXivRaw|oai_dc] [--from DATE] [--until DATE] [--set SET]</c>:
/// ListRecords over OAI-PMH into the database, resuming an interrupted run of the same harvest.
/// </summary>
public static class HarvestCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "OAI-PMH endpoint", DefaultValueFactory = _ => HarvestOptions.ArxivEndpoint };
        var prefix = new Option<string>("--prefix") { Description = "Metadata format: arXiv, arXivRaw or oai_dc", DefaultValueFactory = _ => "arXiv" };
        var from = new Option<string?>("--from") { Description = "Only records changed on or after this day (YYYY-MM-DD)" };
        var until = new Option<string?>("--until") { Description = "Only records changed on or before this day (YYYY-MM-DD)" };
        var set = new Option<string?>("--set") { Description = "Only this set, e.g. cs or physics:hep-th" };
        var delay = new Option<double>("--delay") { Description = "Seconds between pages (arXiv asks harvesters for a few)", DefaultValueFactory = _ => 3 };
        var retries = new Option<int>("--retries") { Description = "Retries of a page after a transient failure", DefaultValueFactory = _ => 6 };
        var maxWait = new Option<double>("--max-wait") { Description = "Longest wait in seconds before a retry, whatever Retry-After asks", DefaultValueFactory = _ => 300 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds allowed for one request", DefaultValueFactory = _ => 120 };
        var cmd = new Command("harvest", "Harvest papers over OAI-PMH (arXiv by default); an interrupted harvest resumes where it stopped")
        {
            url, prefix, from, until, set, delay, retries, maxWait, timeout,
        };
        cmd.SetAction(async (r, ct) =>
        {
            var options = new HarvestOptions
            {
                BaseUrl = r.GetValue(url)!, Prefix = r.GetValue(prefix)!, From = r.GetValue(from), Until = r.GetValue(until),
                Set = r.GetValue(set), PageDelay = Seconds(r.GetValue(delay)), Retries = r.GetValue(retries),
                MaxWait = Seconds(r.GetValue(maxWait)), RequestTimeout = Seconds(r.GetValue(timeout)),
            };
            if (options.Validate() is { } problem)
            {
                Console.Error.WriteLine(problem);
                return ExitCodes.Usage;
            }
            await using var db = DataServices.CreateContext(CliOptions.DataFolder(r), CliOptions.DatabaseOptions(r));
            using var http = OaiClient.CreateHttpClient();
            return await RunAsync(options, db, http, TimeProvider.System, Console.Out, Console.Error, ct);
        });
        return cmd;
    }

    /// <summary>The whole verb after argument parsing; tests run it in process with their own options and clock.</summary>
    public static async Task<int> RunAsync(HarvestOptions options, AppDbContext db, HttpClient http, TimeProvider time,
        TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            await DataServices.MigrateAsync(db, ct);
            var result = await Progress.RunAsync($"harvest {options.Prefix}", "records", p =>
            {
                var client = new OaiClient(http, options, time) { OnRetry = m => p.WriteLine(stderr, m) };
                return new OaiHarvester(db, client, options, time)
                {
                    OnRejected = bad => p.WriteLine(stderr, $"{bad.Where}: {bad.Error}"),
                    OnPage = s => p.Report(s.Fraction, s.Records),
                }.RunAsync(ct);
            });
            stdout.WriteLine($"harvest {options.BaseUrl} ({options.Prefix}): {result}");
            return result.Report.Rejected > 0 ? ExitCodes.RejectedRecords : ExitCodes.Ok;
        }
        catch (HarvestException e)
        {
            stderr.WriteLine($"harvest failed: {e.Message}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine("harvest interrupted: the pages committed so far stay; run the same command again to resume");
        }
        catch (Exception e)
        {
            // The database or the file system failed: one line for the user, never a stack trace.
            stderr.WriteLine($"harvest failed: {Innermost(e).Message.ReplaceLineEndings(" ")}; committed pages stay, run again to resume");
        }
        return ExitCodes.Failed;
    }

    // NaN, infinity and negatives become a negative span, which HarvestOptions.Validate reports.
    private static TimeSpan Seconds(double s) => double.IsFinite(s) && s is >= 0 and < 1e7 ? TimeSpan.FromSeconds(s) : TimeSpan.FromTicks(-1);

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
