using System.Collections.Concurrent;

namespace Paperboy.Operations;

/// <summary>How one pass of a background job ended.</summary>
public sealed record JobRun(string Job, DateTimeOffset Started, DateTimeOffset Ended, bool Succeeded, long Items, string? Error);

/// <summary>
/// The last pass of each background job on this node, for the status page. In memory only: a restart forgets
/// them, and each node knows its own. Jobs call <see cref="Begin"/> at the start of a pass and end it with
/// <see cref="Pass.Done"/> or <see cref="Pass.Failed"/>; a pass cut short by shutdown is not recorded.
/// </summary>
public sealed class JobRuns(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, JobRun> _last = new();

    public Pass Begin(string job)
    {
        PaperboyMetrics.JobStarted(job);
        return new(this, job, clock.GetUtcNow());
    }

    /// <summary>
    /// One pass of <paramref name="job"/>: waits for a pass in progress behind <paramref name="gate"/> (a caller, a
    /// test or the job's timer, never runs two at once), and records a failure before passing it on. The work ends
    /// its pass with <see cref="Pass.Done"/>.
    /// </summary>
    public async Task<T> PassAsync<T>(string job, SemaphoreSlim gate, Func<Pass, Task<T>> work, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        var pass = Begin(job);
        try
        {
            return await work(pass);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            pass.Failed(e);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    public JobRun? Last(string job) => _last.GetValueOrDefault(job);

    /// <summary>Every job that has run a pass, by name.</summary>
    public IReadOnlyList<JobRun> All() => _last.Values.OrderBy(r => r.Job, StringComparer.Ordinal).ToList();

    public readonly struct Pass(JobRuns runs, string job, DateTimeOffset started)
    {
        public DateTimeOffset Started => started;

        public void Done(long items) => runs._last[job] = new JobRun(job, started, runs.Now, true, items, null);

        public void Failed(Exception e) => runs._last[job] = new JobRun(job, started, runs.Now, false, 0, e.GetType().Name + ": " + e.Message);
    }

    private DateTimeOffset Now => clock.GetUtcNow();
}
