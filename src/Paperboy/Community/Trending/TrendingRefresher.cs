using Paperboy.Data;
using Paperboy.Operations;
using Paperboy.Operations.Leases;

namespace Paperboy.Community.Trending;

/// <summary>Section <c>Paperboy:Trending</c>.</summary>
public sealed class TrendingOptions
{
    public const string Section = "Paperboy:Trending";

    /// <summary>Minutes between two recomputations of stale scores (fractions allowed); 0 or less turns the job off.</summary>
    public double RefreshMinutes { get; set; } = 10;

    /// <summary>Entries read (and at most written) per transaction.</summary>
    public int BatchSize { get; set; } = TrendingRecompute.DefaultBatchSize;
}

/// <summary>
/// The periodic job that keeps stored trending scores right (see <see cref="TrendingRecompute"/>): every
/// <see cref="TrendingOptions.RefreshMinutes"/> minutes on the injected clock, so a test drives it by advancing a
/// fake clock, or calls <see cref="RefreshAsync"/> itself. The first run is one interval after start; a fresh
/// database that needs its scores at once gets them from <c>paperboy trending backfill</c>. With several nodes on
/// one database, the node holding the job's lease runs it.
/// </summary>
public sealed class TrendingRefresher(IServiceScopeFactory scopes, TrendingOptions options, TimeProvider clock,
    JobRuns jobs, JobLeases leases, ILogger<TrendingRefresher> log) : BackgroundService
{
    public const string Job = "trending";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Runs one recomputation now; a call while another runs waits for it rather than running twice at once.</summary>
    public Task<TrendingRecompute.Result> RefreshAsync(CancellationToken ct = default) => jobs.PassAsync(Job, _running, async pass =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var result = await TrendingRecompute.RunAsync(db, options.BatchSize, ct: ct);
        if (result.Updated > 0)
            log.LogInformation("Trending: {Updated} of {Checked} scores recomputed", result.Updated, result.Checked);
        pass.Done(result.Updated);
        return result;
    }, ct);

    private PeriodicTimer? _timer;

    /// <summary>
    /// The timer starts with the application, not whenever <see cref="ExecuteAsync"/> gets a thread, so that the
    /// first run is exactly one interval after start (a test advancing a fake clock relies on it).
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.RefreshMinutes > 0) _timer = new PeriodicTimer(Interval, clock);
        return base.StartAsync(cancellationToken);
    }

    private TimeSpan Interval => TimeSpan.FromMinutes(options.RefreshMinutes);

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _timer is not { } timer
        ? Task.CompletedTask
        // A database hiccup costs one round; the next tick tries again.
        : leases.RunScheduledAsync(Job, timer, JobLeases.HoldFor(Interval), atStart: false, RefreshAsync,
            e => log.LogError(e, "Trending: recomputing scores failed"), stoppingToken);
}
