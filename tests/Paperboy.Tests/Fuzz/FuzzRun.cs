using System.Collections.Concurrent;
using CsCheck;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// Runs a property over generated inputs for the configured time (<see cref="FuzzSettings"/>). A property that
/// never returns cannot be stopped, but it can be reported: past a generous limit the test fails naming the
/// inputs still being read.
/// </summary>
public static class FuzzRun
{
    public static async Task Sample<T>(Gen<T> gen, Action<T> property, Func<T, string> print, int seconds)
    {
        var inFlight = new ConcurrentDictionary<int, T>();
        var time = FuzzSettings.Time(seconds);
        var output = TestContext.Current.TestOutputHelper;
        var run = Task.Run(() => gen.Sample(input =>
        {
            inFlight[Environment.CurrentManagedThreadId] = input;
            try { property(input); }
            finally { inFlight.TryRemove(Environment.CurrentManagedThreadId, out _); }
        }, writeLine: line => output?.WriteLine(line), seed: FuzzSettings.Seed, iter: FuzzSettings.Iterations, time: time, print: print));

        // Shrinking a failure may take as long again as the search; beyond twice that and a minute, something hangs.
        var limit = TimeSpan.FromSeconds(Math.Max(time, 10) * 2 + 60);
        if (await Task.WhenAny(run, Task.Delay(limit, TestContext.Current.CancellationToken)) != run)
            Assert.Fail($"no answer after {limit.TotalSeconds:N0} s; still reading:\n" + string.Join("\n", inFlight.Values.Select(print)));
        await run;
    }
}
