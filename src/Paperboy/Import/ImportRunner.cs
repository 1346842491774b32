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
/// Streams a reader's items into the database in transactional batches. Memory holds one batch; a crash loses
/// at most the batch in flight, and since merging is idempotent, running the import again completes it exactly.
/// </summary>
public sealed class ImportRunner(PaperWriter writer)
{
    public int BatchSize { get; init; } = 2000;

    public async Task<ImportReport> RunAsync(IEnumerable<ImportItem> items, Action<ImportItem>? onRejected = null,
        Action<ImportReport>? onBatch = null, CancellationToken ct = default)
    {
        var report = new ImportReport();
        var batch = new List<PaperRecord>(BatchSize);
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            report.Read++;
            if (item.Record is null)
            {
                report.Rejected++;
                onRejected?.Invoke(item);
                continue;
            }
            batch.Add(item.Record);
            if (batch.Count < BatchSize) continue;
            await FlushAsync(batch, report, ct);
            onBatch?.Invoke(report);
        }
        await FlushAsync(batch, report, ct);
        onBatch?.Invoke(report);
        return report;
    }

    private async Task FlushAsync(List<PaperRecord> batch, ImportReport report, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        foreach (var outcome in await writer.WriteAsync(batch, ct: ct)) report.Count(outcome);
        batch.Clear();
    }
}
