using Paperboy.Data;
using Paperboy.Operations;

namespace Paperboy.Import.OaiPmh;

/// <summary>Where a harvest stands after a page, for progress: records counts deleted ones, as completeListSize does.</summary>
public sealed record HarvestProgress(int Pages, long Records, long? CompleteListSize, ImportReport Report)
{
    public double Fraction => CompleteListSize is { } size and > 0 ? Math.Min(1, (double)Records / size) : 0;
}

/// <summary>Totals of one run: the import report, plus deleted records and pages.</summary>
public sealed class HarvestResult
{
    public ImportReport Report { get; } = new();
    public long Deleted { get; set; }
    public int Pages { get; set; }

    /// <summary>The pages a previous, interrupted run had committed; 0 when this run started at the beginning.</summary>
    public int ResumedAfterPage { get; set; }

    public override string ToString() => $"{Report}, deleted {Deleted:N0}, pages {Pages:N0}" +
        (ResumedAfterPage > 0 ? $" (resumed after page {ResumedAfterPage:N0})" : "");
}

/// <summary>
/// Harvests ListRecords page by page. Each page's records and the checkpoint naming the next page commit in one
/// transaction, so a harvest killed at any point resumes exactly after its last committed page.
/// </summary>
public sealed class OaiHarvester(AppDbContext db, OaiClient client, HarvestOptions options, TimeProvider time)
{
    public Action<ImportItem>? OnRejected { get; init; }
    public Action<HarvestProgress>? OnPage { get; init; }

    // What a user most likely has to change when the server refuses a request.
    private static readonly Dictionary<string, string> Hints = new()
    {
        ["badArgument"] = " (check --from, --until and --set)",
        ["cannotDisseminateFormat"] = " (check --prefix)",
        ["noSetHierarchy"] = " (this server has no sets: leave out --set)",
        ["badVerb"] = " (is --url an OAI-PMH endpoint?)",
    };

    public const string Source = "oai-pmh";

    public async Task<HarvestResult> RunAsync(CancellationToken ct)
    {
        try
        {
            return await HarvestAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PaperboyMetrics.HarvestFailed();
            throw;
        }
    }

    private async Task<HarvestResult> HarvestAsync(CancellationToken ct)
    {
        var key = options.CheckpointKey;
        var saved = await HarvestCheckpoints.LoadAsync(db, key, ct);
        // A completed harvest starts over; idempotent merging makes the second pass change only what changed.
        var resume = saved is { Completed: false, ResumptionToken: not null };
        var token = resume ? saved!.ResumptionToken : null;
        var pagesDone = resume ? saved!.PagesDone : 0;
        var recordsDone = resume ? saved!.RecordsDone : 0;
        var result = new HarvestResult { ResumedAfterPage = pagesDone };
        var writer = new PaperWriter(db);
        while (true)
        {
            var number = pagesDone + 1;
            var body = await client.ListRecordsAsync(token, number, ct);
            var page = OaiPageReader.Read(new MemoryStream(body, writable: false), $"page {number}");
            if (page.Error is { Code: "noRecordsMatch" }) page = page with { ResumptionToken = null };
            else if (page.Error is { } error) await FailAsync(error, token, number, ct);
            // A server handing back the token it was given would keep us asking for the same page forever.
            if (page.ResumptionToken is not null && page.ResumptionToken == token)
                throw new HarvestException($"page {number}: the server answered with the same resumption token it was asked for ({token})");

            var records = new List<PaperRecord>(page.Items.Count);
            foreach (var item in page.Items)
            {
                result.Report.Read++;
                if (item.Record is { } r) records.Add(r);
                else
                {
                    result.Report.Rejected++;
                    OnRejected?.Invoke(item);
                }
            }
            var checkpoint = new HarvestCheckpoint
            {
                Key = key, ResumptionToken = page.ResumptionToken, PagesDone = number,
                RecordsDone = recordsDone + page.Records, Completed = page.ResumptionToken is null,
                UpdatedAt = time.GetUtcNow().UtcDateTime,
            };
            var outcomes = await writer.WriteAsync(records, (conn, tx) => HarvestCheckpoints.SaveAsync(conn, tx, checkpoint, ct), ct);
            foreach (var outcome in outcomes) result.Report.Count(outcome);
            PaperboyMetrics.PapersWritten(Source, outcomes);
            PaperboyMetrics.Rejected(Source, page.Items.Count - records.Count);
            PaperboyMetrics.HarvestPage();
            result.Deleted += page.Deleted;
            result.Pages++;
            pagesDone = number;
            recordsDone = checkpoint.RecordsDone;
            OnPage?.Invoke(new HarvestProgress(pagesDone, recordsDone, page.CompleteListSize, result.Report));

            if (page.ResumptionToken is null) return result;
            token = page.ResumptionToken;
            if (options.PageDelay > TimeSpan.Zero) await Task.Delay(options.PageDelay, time, ct);
        }
    }

    private async Task FailAsync(OaiError error, string? token, int page, CancellationToken ct)
    {
        if (error.Code == "badResumptionToken" && token is not null)
        {
            // Tokens expire; keeping this one would make every rerun fail the same way.
            await HarvestCheckpoints.ClearAsync(db, options.CheckpointKey, ct);
            throw new HarvestException(
                $"page {page}: the server rejected the resumption token ({error}). Tokens expire, so the checkpoint " +
                "was cleared: run the same harvest again to start from the beginning (papers already imported will not change).",
                error.Code);
        }
        throw new HarvestException($"page {page}: the server answered with OAI-PMH error {error}{Hints.GetValueOrDefault(error.Code)}", error.Code);
    }
}
