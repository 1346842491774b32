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
    public async Task<long> CatchUpAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        var pass = jobs.Begin(Job);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var done = await EmbeddingSync.CatchUpAsync(db, indexes.Embedder, options.EmbedBatchSize, ct,
                (n, of) => log.LogDebug("Embeddings: {Done} of {Total}", n, of));
            if (done > 0) log.LogInformation("Embeddings: {Count} papers brought level with {Model}", done, indexes.Model);
            pass.Done(done);
            return done;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            pass.Failed(e);
            PaperboyMetrics.EmbeddingFailed();
            throw;
        }
        finally
        {
            _running.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Embed) return;
        var interval = TimeSpan.FromSeconds(Math.Max(options.CatchUpSeconds, 0.1));
        // Ticks are frequent; a lease of at least half a minute keeps the database writes for it rare.
        var hold = TimeSpan.FromSeconds(Math.Max(JobLeases.HoldFor(interval).TotalSeconds, 30));
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                try
                {
                    await leases.RunHeldAsync(Job, hold, CatchUpAsync, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Embeddings: computing failed");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await leases.LetGoAsync(Job);
        }
    }
}
