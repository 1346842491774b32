using System.Threading.Channels;
using Paperboy.Operations;

namespace Paperboy.Import;

/// <summary>Totals of one import, printed as its summary.</summary>
public sealed class ImportReport
{
    public long Read { get; set; }
    public long Imported { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }

    public void Add(ImportReport other)
    {
        Read += other.Read; Imported += other.Imported; Updated += other.Updated;
        Unchanged += other.Unchanged; Rejected += other.Rejected;
    }

    public void Count(RecordOutcome outcome)
    {
        switch (outcome)
        {
            case RecordOutcome.Imported: Imported++; break;
            case RecordOutcome.Updated: Updated++; break;
            default: Unchanged++; break;
        }
    }

    public override string ToString() =>
        $"read {Read:N0}, imported {Imported:N0}, updated {Updated:N0}, unchanged {Unchanged:N0}, rejected {Rejected:N0}";
}

/// <summary>
/// Streams a reader's items into the database in transactional batches. Reading and parsing run on one thread
/// and writing on another, with at most two batches waiting between them, so memory stays flat while both cores
/// work. A crash loses at most the batches in flight; since merging is idempotent, running the import again
/// completes it exactly.
/// </summary>
public sealed class ImportRunner(PaperWriter writer)
{
    public int BatchSize { get; init; } = 2000;

    /// <summary>Where the records come from ("hf", "atom", ...), as the papers counters of <see cref="PaperboyMetrics"/> name it.</summary>
    public string Source { get; init; } = "import";

    /// <summary>A batch of good records, with the reader's totals when it was cut.</summary>
    private sealed record Batch(List<PaperRecord> Records, long Read, long Rejected);

    public async Task<ImportReport> RunAsync(IEnumerable<ImportItem> items, Action<ImportItem>? onRejected = null,
        Action<ImportReport>? onBatch = null, CancellationToken ct = default)
    {
        var report = new ImportReport();
        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => Read(items, channel.Writer, onRejected, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                if (batch.Records.Count > 0)
                {
                    var outcomes = await writer.WriteAsync(batch.Records, ct: ct);
                    foreach (var outcome in outcomes) report.Count(outcome);
                    PaperboyMetrics.PapersWritten(Source, outcomes);
                }
                PaperboyMetrics.Rejected(Source, batch.Rejected - report.Rejected);
                report.Read = batch.Read;
                report.Rejected = batch.Rejected;
                onBatch?.Invoke(report);
            }
        }
        finally
        {
            // A failed write stops the reader; a failed read surfaces here.
            await stop.CancelAsync();
            await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await reading;
        return report;
    }

    private void Read(IEnumerable<ImportItem> items, ChannelWriter<Batch> output, Action<ImportItem>? onRejected, CancellationToken ct)
    {
        try
        {
            long read = 0, rejected = 0;
            var records = new List<PaperRecord>(BatchSize);
            foreach (var item in items)
            {
                ct.ThrowIfCancellationRequested();
                read++;
                if (item.Record is null)
                {
                    rejected++;
                    onRejected?.Invoke(item);
                    continue;
                }
                // Cleaning text and finding links here keeps that work off the writer's thread.
                records.Add(PaperMerge.Normalise(item.Record));
                if (records.Count < BatchSize) continue;
                Send(output, new Batch(records, read, rejected), ct);
                records = new List<PaperRecord>(BatchSize);
            }
            Send(output, new Batch(records, read, rejected), ct);
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    private static void Send(ChannelWriter<Batch> output, Batch batch, CancellationToken ct)
    {
        while (!output.TryWrite(batch))
            output.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult();
    }
}
