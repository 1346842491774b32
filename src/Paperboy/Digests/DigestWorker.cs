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
    public async Task<DigestRunSummary> RunOnceAsync(CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        var pass = jobs.Begin(Job);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var added = await scope.ServiceProvider.GetRequiredService<DigestScheduler>().EnqueueDueAsync(ct);
            var summary = await scope.ServiceProvider.GetRequiredService<DigestSender>().SendDueAsync(ct);
            if (added > 0 || summary.Total > 0) log.LogInformation("Digests: {Added} became due; {Summary}", added, summary);
            pass.Done(summary.Total);
            return summary;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            pass.Failed(e);
            throw;
        }
        finally
        {
            _running.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Send) return;
        var interval = TimeSpan.FromSeconds(Math.Max(options.CheckSeconds, 1));
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            await RoundsAsync(timer, interval, stoppingToken);
        }
        finally
        {
            await leases.LetGoAsync(Job);
        }
    }

    private async Task RoundsAsync(PeriodicTimer timer, TimeSpan interval, CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await leases.RunHeldAsync(Job, JobLeases.HoldFor(interval), RunOnceAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Digests: the send round failed; the next round tries again");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
