using System.Diagnostics.Metrics;
using Paperboy.Digests;
using Paperboy.Import;

namespace Paperboy.Operations;

/// <summary>
/// Paperboy's own meter, <c>Paperboy</c>: counters the code adds to where the work happens, and gauges read from
/// the last <see cref="SiteFigures"/> taken (the <c>/metrics</c> endpoint takes them just before each scrape).
/// Counters count in the process that does the work: the server's imports (submissions), harvests, embeddings
/// and digests are on its <c>/metrics</c>; a command-line import counts in its own process, which nobody scrapes.
/// Names below are OpenTelemetry's; the Prometheus exporter writes dots as underscores and adds <c>_total</c> to
/// counters (<c>paperboy.papers.imported</c> is <c>paperboy_papers_imported_total</c>).
/// </summary>
public static class PaperboyMetrics
{
    public const string MeterName = "Paperboy";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PapersImported = Meter.CreateCounter<long>("paperboy.papers.imported", description: "Papers stored for the first time, by source");
    private static readonly Counter<long> PapersUpdated = Meter.CreateCounter<long>("paperboy.papers.updated", description: "Stored papers a record changed, by source");
    private static readonly Counter<long> PapersRejected = Meter.CreateCounter<long>("paperboy.papers.rejected", description: "Records rejected as unreadable, by source");
    private static readonly Counter<long> HarvestPages = Meter.CreateCounter<long>("paperboy.harvest.pages", description: "OAI-PMH pages harvested and committed");
    private static readonly Counter<long> HarvestErrors = Meter.CreateCounter<long>("paperboy.harvest.errors", description: "Harvests that stopped on an error");
    private static readonly Counter<long> EmbeddingsComputed = Meter.CreateCounter<long>("paperboy.embeddings.computed", description: "Papers whose embedding was computed");
    private static readonly Counter<long> EmbeddingErrors = Meter.CreateCounter<long>("paperboy.embeddings.errors", description: "Embedding rounds that failed");
    private static readonly Counter<long> DigestsSent = Meter.CreateCounter<long>("paperboy.digests.sent", description: "Digests the mail server accepted");
    private static readonly Counter<long> DigestsFailed = Meter.CreateCounter<long>("paperboy.digests.failed", description: "Digests given up after a refusal or too many temporary failures");
    private static readonly Counter<long> DigestsBounced = Meter.CreateCounter<long>("paperboy.digests.bounced", description: "Digests whose address the receiving server refused for good");

    private static readonly Counter<long> JobRunsStarted = Meter.CreateCounter<long>("paperboy.jobs.runs", description: "Passes of a background job started on this node, by job");

    private static SiteFigures? _figures;

    static PaperboyMetrics()
    {
        // A gauge reports nothing until figures were taken, rather than a made-up zero.
        Meter.CreateObservableGauge("paperboy.embeddings.pending", () => Observe(f => f.EmbeddingsWaiting),
            description: "Papers changed since the stored embeddings of the model were level");
        Meter.CreateObservableGauge("paperboy.outbox.depth", () => Observe(f => f.OutboxDue),
            description: "Digests due and not sent yet (new ones and retries whose time has come)");
        Meter.CreateObservableGauge("paperboy.search.index.lag", ObserveLag,
            description: "Change numbers between the database's latest and the index's mark (keyword: the papers; vectors: the stored embeddings)");
    }

    /// <summary>The figures the gauges report from now on.</summary>
    public static void Publish(SiteFigures figures) => Volatile.Write(ref _figures, figures);

    private static IEnumerable<Measurement<long>> Observe(Func<SiteFigures, long> value) =>
        Volatile.Read(ref _figures) is { } f ? [new Measurement<long>(value(f))] : [];

    private static IEnumerable<Measurement<long>> ObserveLag()
    {
        if (Volatile.Read(ref _figures) is not { } f) yield break;
        if (f.KeywordMark is { } mark) yield return new(Math.Max(0, f.LatestChange - mark), new KeyValuePair<string, object?>("index", "keyword"));
        yield return new(Math.Max(0, f.StoredEmbeddings - f.VectorsMark), new KeyValuePair<string, object?>("index", "vectors"));
    }

    /// <summary>What one batch written by <see cref="PaperWriter"/> did, for the source that read it.</summary>
    public static void PapersWritten(string source, IEnumerable<RecordOutcome> outcomes)
    {
        long imported = 0, updated = 0;
        foreach (var o in outcomes)
        {
            if (o == RecordOutcome.Imported) imported++;
            else if (o == RecordOutcome.Updated) updated++;
        }
        var tag = new KeyValuePair<string, object?>("source", source);
        if (imported > 0) PapersImported.Add(imported, tag);
        if (updated > 0) PapersUpdated.Add(updated, tag);
    }

    public static void Rejected(string source, long count)
    {
        if (count > 0) PapersRejected.Add(count, new KeyValuePair<string, object?>("source", source));
    }

    public static void JobStarted(string job) => JobRunsStarted.Add(1, new KeyValuePair<string, object?>("job", job));
    public static void HarvestPage() => HarvestPages.Add(1);
    public static void HarvestFailed() => HarvestErrors.Add(1);
    public static void Embedded(int count) { if (count > 0) EmbeddingsComputed.Add(count); }
    public static void EmbeddingFailed() => EmbeddingErrors.Add(1);

    /// <summary>A digest's final outcome; pending (a retry to come), empty and cancelled are not counted.</summary>
    public static void Digest(OutboxStatus status)
    {
        switch (status)
        {
            case OutboxStatus.Sent: DigestsSent.Add(1); break;
            case OutboxStatus.Failed: DigestsFailed.Add(1); break;
            case OutboxStatus.Bounced: DigestsBounced.Add(1); break;
        }
    }
}
