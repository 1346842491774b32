using Paperboy.Data;
using Paperboy.Operations;
using Paperboy.Operations.Leases;

namespace Paperboy.Import.OaiPmh;

/// <summary>
/// Harvests on schedule inside the server (<see cref="ScheduledHarvestOptions"/>): at start, then every interval.
/// With several nodes on one database the node holding the job's lease harvests, renewing it for as long as a
/// harvest lasts; a harvest cut short (a crash, a shutdown) resumes from its checkpoint on the next run, wherever
/// that runs.
/// </summary>
public sealed class HarvestWorker(IServiceScopeFactory scopes, ScheduledHarvestOptions options, TimeProvider clock,
    JobRuns jobs, JobLeases leases, ILogger<HarvestWorker> log) : BackgroundService
{
    public const string Job = "harvest";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>One harvest now; waits for one in progress rather than running two at once.</summary>
    public Task<HarvestResult> RunOnceAsync(CancellationToken ct = default) => jobs.PassAsync(Job, _running, async pass =>
    {
        var harvest = options.For(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var http = OaiClient.CreateHttpClient();
        var client = new OaiClient(http, harvest, clock) { OnRetry = m => log.LogWarning("Harvest: {Retry}", m) };
        var result = await new OaiHarvester(db, client, harvest, clock)
        {
            OnRejected = bad => log.LogWarning("Harvest: {Where}: {Error}", bad.Where, bad.Error),
        }.RunAsync(ct);
        log.LogInformation("Harvest of {Url} from {From}: {Result}", harvest.BaseUrl, harvest.From, result);
        pass.Done(result.Report.Read);
        return result;
    }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        var interval = TimeSpan.FromMinutes(options.EveryMinutes);
        using var timer = new PeriodicTimer(interval, clock);
        // HarvestException says what the server refused; anything else is the network or the database.
        await leases.RunScheduledAsync(Job, timer, JobLeases.HoldFor(interval), atStart: true, RunOnceAsync,
            e => log.LogError(e is HarvestException ? null : e, "Harvest failed: {Reason}; the next run resumes", e.Message), stoppingToken);
    }
}
