using Paperboy.Data;

namespace Paperboy.Search.Indexing;

/// <summary>
/// Computes the embeddings of new and changed papers in the background (when <see cref="SearchOptions.Embed"/>),
/// batch by batch, and stores them; <see cref="SearchIndexer"/> then loads them into memory. Until a paper has
/// its vector, search finds it by its words only.
/// </summary>
public sealed class EmbeddingWorker(IServiceScopeFactory scopes, SearchIndexes indexes, SearchOptions options,
    TimeProvider clock, ILogger<EmbeddingWorker> log) : BackgroundService
{
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Embeds everything missing now; waits for a run in progress rather than running twice at once.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var done = await EmbeddingSync.CatchUpAsync(db, indexes.Embedder, options.EmbedBatchSize, ct,
                (n, of) => log.LogDebug("Embeddings: {Done} of {Total}", n, of));
            if (done > 0) log.LogInformation("Embeddings: {Count} papers brought level with {Model}", done, indexes.Model);
            return done;
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
