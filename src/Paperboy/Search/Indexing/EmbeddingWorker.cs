using Paperboy.Data;
using Paperboy.Operations;

namespace Paperboy.Search.Indexing;

/// <summary>
/// Computes the embeddings of new and changed papers in the background (when <see cref="SearchOptions.Embed"/>),
/// batch by batch, and stores them; <see cref="SearchIndexer"/> then loads them into memory. Until a paper has
/// its vector, search finds it by its words only.
/// </summary>
public sealed class EmbeddingWorker(IServiceScopeFactory scopes, SearchIndexes indexes, SearchOptions options,
    TimeProvider clock, JobRuns jobs, ILogger<EmbeddingWorker> log) : BackgroundService
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
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(options.CatchUpSeconds, 0.1)), clock);
        do
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Embeddings: computing failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
