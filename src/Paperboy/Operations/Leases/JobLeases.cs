using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Operations.Leases;

/// <summary>
/// Database leases that make a scheduled job (harvest, digests, trending refresh) run on one node at a time when
/// several serve the same database. A job's loop asks for the lease at each tick and runs only when granted: the
/// holder renews it at every tick, so it keeps the job while it lives; another node takes over once a lease is
/// left to expire (the holder crashed, hung or stopped). Nodes compare times from their own clocks, so their
/// clocks should agree to well within a job's interval (NTP does).
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobLeases> log)
{
    private readonly ConcurrentDictionary<string, DateTime> _held = new();

    /// <summary>This process, as named in the lease rows: host, process id and a random part (two runs never share it).</summary>
    public string Node { get; } = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}", JobLease.MaxHolder);

    /// <summary>
    /// Takes or renews <paramref name="job"/>'s lease for <paramref name="hold"/>; false when another node holds it.
    /// The conditional update is one statement, so of two nodes asking at once only one is granted.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string job, TimeSpan hold, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Held for more than half the hold still: no one else can have it, and a job ticking often (embeddings)
        // need not write to the database at every tick.
        if (_held.TryGetValue(job, out var heldUntil) && now < heldUntil - hold / 2) return true;
        _held.TryRemove(job, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var until = now + hold;
        var node = Node;
        try
        {
            var granted = await Transactions.RunAsync(db, async t =>
            {
                var renewed = await db.JobLeases.Where(l => l.Job == job && l.Holder == node)
                    .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, until).SetProperty(l => l.Grants, l => l.Grants + 1), t);
                if (renewed == 1) return true;
                var taken = await db.JobLeases.Where(l => l.Job == job && l.ExpiresAt < now)
                    .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, node).SetProperty(l => l.ExpiresAt, until)
                        .SetProperty(l => l.AcquiredAt, now).SetProperty(l => l.Grants, l => l.Grants + 1), t);
                if (taken == 1)
                {
                    log.LogInformation("Leases: this node ({Node}) now runs the {Job} job", node, job);
                    return true;
                }
                if (await db.JobLeases.AnyAsync(l => l.Job == job, t)) return false;
                db.JobLeases.Add(new JobLease { Job = job, Holder = node, ExpiresAt = until, AcquiredAt = now, Grants = 1 });
                await db.SaveChangesAsync(t);
                return true;
            }, ct);
            if (granted) _held[job] = until;
            return granted;
        }
        catch (DbUpdateException)
        {
            // Two nodes created the row at once (PostgreSQL; SQLite's writers queue): the other one was first.
            return false;
        }
    }

    /// <summary>
    /// A lease for a job that runs every <paramref name="interval"/>: half an interval longer, so that the holder's
    /// next tick renews it before anyone else may take it, yet a dead holder is replaced within one and a half.
    /// </summary>
    public static TimeSpan HoldFor(TimeSpan interval) => interval * 1.5;

    /// <summary>On shutdown: <see cref="ReleaseAsync"/>, bounded, and never failing the shutdown.</summary>
    public async Task LetGoAsync(string job)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ReleaseAsync(job, timeout.Token);
        }
        catch (Exception e)
        {
            log.LogInformation("Leases: the {Job} lease was not released ({Reason}); it expires by itself", job, e.Message);
        }
    }

    /// <summary>Lets the lease go at once (on shutdown), so another node need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string job, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _held.TryRemove(job, out _);
        var now = clock.GetUtcNow().UtcDateTime;
        var node = Node;
        await Transactions.RunAsync(db, t => db.JobLeases.Where(l => l.Job == job && l.Holder == node)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, now.AddTicks(-1)), t), ct);
    }

    /// <summary>
    /// Holds the lease while <paramref name="work"/> runs, renewing it every third of <paramref name="hold"/> so that
    /// a run longer than the interval keeps it; false (and no run) when another node holds it.
    /// </summary>
    public async Task<bool> RunHeldAsync(string job, TimeSpan hold, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        if (!await TryAcquireAsync(job, hold, ct)) return false;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewAsync(job, hold, done.Token);
        try
        {
            await work(ct);
        }
        finally
        {
            await done.CancelAsync();
            await renewing;
        }
        return true;
    }

    /// <summary>
    /// The loop of a scheduled job: a pass at start when <paramref name="atStart"/>, then one at every tick of
    /// <paramref name="timer"/>, each only while this node holds the job's lease. A failed pass goes to
    /// <paramref name="failed"/> and the next tick tries again; on shutdown the lease is let go.
    /// </summary>
    public async Task RunScheduledAsync(string job, PeriodicTimer timer, TimeSpan hold, bool atStart,
        Func<CancellationToken, Task> pass, Action<Exception> failed, CancellationToken stoppingToken)
    {
        try
        {
            if (atStart) await OneAsync();
            while (await timer.WaitForNextTickAsync(stoppingToken)) await OneAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await LetGoAsync(job);
        }

        async Task OneAsync()
        {
            try
            {
                await RunHeldAsync(job, hold, pass, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e);
            }
        }
    }

    private async Task RenewAsync(string job, TimeSpan hold, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(hold / 3, clock, ct);
                if (!await TryAcquireAsync(job, hold, ct))
                    log.LogWarning("Leases: the {Job} lease went to another node during a run (a pause longer than the lease?)", job);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The run goes on; if the lease lapses meanwhile another node may start the job too, which the jobs
            // tolerate (their writes are idempotent), it only costs work twice.
            log.LogWarning(e, "Leases: renewing the {Job} lease failed", job);
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
