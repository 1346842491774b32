using Paperboy.Operations;
using Paperboy.Operations.Leases;

namespace Paperboy.Digests;

/// <summary>
/// Sends digests on schedule inside the server: every <see cref="DigestOptions.CheckSeconds"/> it puts the
/// digests that became due in the outbox and sends what is due there (new digests and retries). With several nodes
/// on one database the node holding the job's lease does the rounds; the outbox's claims would keep two senders
/// from sending one digest twice anyway, the lease spares the work of racing for them.
/// </summary>
public sealed class DigestWorker(IServiceScopeFactory scopes, DigestOptions options, TimeProvider clock, JobRuns jobs,
    JobLeases leases, ILogger<DigestWorker> log) : BackgroundService
{
    public const string Job = "digests";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>One round now; waits for a round in progress rather than running two at once.</summary>
    public Task<DigestRunSummary> RunOnceAsync(CancellationToken ct = default) => jobs.PassAsync(Job, _running, async pass =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<DigestScheduler>().EnqueueDueAsync(ct);
        var summary = await scope.ServiceProvider.GetRequiredService<DigestSender>().SendDueAsync(ct);
        if (added > 0 || summary.Total > 0) log.LogInformation("Digests: {Added} became due; {Summary}", added, summary);
        pass.Done(summary.Total);
        return summary;
    }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Send) return;
        var interval = TimeSpan.FromSeconds(Math.Max(options.CheckSeconds, 1));
        using var timer = new PeriodicTimer(interval, clock);
        await leases.RunScheduledAsync(Job, timer, JobLeases.HoldFor(interval), atStart: true, RunOnceAsync,
            e => log.LogError(e, "Digests: the send round failed; the next round tries again"), stoppingToken);
    }
}
