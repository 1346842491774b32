using Paperboy.Data;
using Paperboy.Operations;

namespace Paperboy.Search.Indexing;

/// <summary>
/// Keeps this node's indexes level with the database: on start, then every
/// <see cref="SearchOptions.CatchUpSeconds"/>, the full-text index takes the papers changed since its last commit
/// and the in-memory vectors take the embeddings stored since they last looked. Whatever another node or a
/// command-line import wrote reaches this node's search within a few seconds.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, SearchIndexes indexes, SearchOptions options,
    TimeProvider clock, JobRuns jobs, ILogger<SearchIndexer> log) : BackgroundService
{
    public const string Job = "search-index";

    private readonly SemaphoreSlim _running = new(1, 1);
    private long _caughtUpAt = long.MinValue;

    /// <summary>
    /// When the last round that completed began: the indexes hold every change the database had then, so what
    /// they lack was written after it. Null until a round completed.
    /// </summary>
    public DateTimeOffset? LastCaughtUpAt =>
        Interlocked.Read(ref _caughtUpAt) is var ticks and not long.MinValue ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>One round now (a test, or a page that must show a write at once); waits for a round in progress.</summary>
    public Task CatchUpAsync(CancellationToken ct = default) => jobs.PassAsync(Job, _running, async pass =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var indexed = await KeywordSync.CatchUpAsync(db, indexes.Keyword, ct);
        if (indexed > 0) log.LogInformation("Search: {Count} papers indexed", indexed);
        indexes.VectorsSeen = await VectorSync.CatchUpAsync(db, indexes.Vectors, indexes.Model, indexes.VectorsSeen, ct);
        Interlocked.Exchange(ref _caughtUpAt, pass.Started.UtcTicks);
        pass.Done(indexed);
        return indexed;
    }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(options.CatchUpSeconds, 0.1)), clock);
        do
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A locked index (a rebuild running from the command line) or a database hiccup costs one round.
                log.LogError(e, "Search: catching up failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
