using Paperboy.Data;
using Paperboy.Operations;
using Paperboy.Operations.Leases;

namespace Paperboy.Search.Indexing;

/// <summary>
/// Computes the embeddings of new and changed papers in the background (when <see cref="SearchOptions.Embed"/>),
/// batch by batch, and stores them; <see cref="SearchIndexer"/> then loads them into memory. Until a paper has
/// its vector, search finds it by its words only. With several nodes on one database, the node holding the job's
/// lease computes them (every node loads them); a run can last hours, the lease is renewed meanwhile.
/// </summary>
public sealed class EmbeddingWorker(IServiceScopeFactory scopes, SearchIndexes indexes, SearchOptions options,
    TimeProvider clock, JobRuns jobs, JobLeases leases, ILogger<EmbeddingWorker> log) : BackgroundService
{
    public const string Job = "embeddings";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Embeds everything missing now; waits for a run in progress rather than running twice at once.</summary>
    public Task<long> CatchUpAsync(CancellationToken ct = default) => jobs.PassAsync(Job, _running, async pass =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        long done;
        try
        {
            done = await EmbeddingSync.CatchUpAsync(db, indexes.Embedder, options.EmbedBatchSize, ct,
                (n, of) => log.LogDebug("Embeddings: {Done} of {Total}", n, of));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PaperboyMetrics.EmbeddingFailed();
            throw;
        }
        if (done > 0) log.LogInformation("Embeddings: {Count} papers brought level with {Model}", done, indexes.Model);
        pass.Done(done);
        return done;
    }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Embed) return;
        var interval = TimeSpan.FromSeconds(Math.Max(options.CatchUpSeconds, 0.1));
        // Ticks are frequent; a lease of at least half a minute keeps the database writes for it rare.
        var hold = TimeSpan.FromSeconds(Math.Max(JobLeases.HoldFor(interval).TotalSeconds, 30));
        using var timer = new PeriodicTimer(interval, clock);
        await leases.RunScheduledAsync(Job, timer, hold, atStart: true, CatchUpAsync,
            e => log.LogError(e, "Embeddings: computing failed"), stoppingToken);
    }
}
