using System.Diagnostics;
using Spectre.Console;

namespace Paperboy.Cli;

/// <summary>
/// Progress for long work: a bar with rate and time left on a terminal, plain lines every few seconds when
/// output is redirected (logs, CI), so both stay readable.
/// </summary>
public sealed class Progress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _title;
    private readonly string _unit;
    private ProgressTask? _task;
    private TimeSpan _lastLine;

    private Progress(string title, string unit) { _title = title; _unit = unit; }

    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/>, which reports (fraction done 0..1, items done) as it goes.</summary>
    public static async Task<T> RunAsync<T>(string title, string unit, Func<Progress, Task<T>> work)
    {
        var p = new Progress(title, unit);
        if (!Interactive) return await work(p);
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                p._task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                var result = await work(p);
                p._task.Value = 1.0;
                return result;
            });
    }

    /// <summary>
    /// Writes a message (a retry, a rejected record) to <paramref name="writer"/>; while the bar is drawn on the same
    /// terminal, through the console instead, which prints it above the bar rather than across it.
    /// </summary>
    public void WriteLine(TextWriter writer, string line)
    {
        if (_task is not null && !Console.IsErrorRedirected) AnsiConsole.WriteLine(line);
        else writer.WriteLine(line);
    }

    public void Report(double fraction, long done)
    {
        var rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        if (_task is not null)
        {
            _task.Value = Math.Clamp(fraction, 0, 1);
            _task.Description = Markup.Escape($"{_title} {done:N0} {_unit} ({rate:N0}/s)");
            return;
        }
        if (_clock.Elapsed - _lastLine < TimeSpan.FromSeconds(2) && fraction < 1) return;
        _lastLine = _clock.Elapsed;
        var eta = fraction > 0 ? TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
        Console.WriteLine($"{_title}: {fraction:P0} {done:N0} {_unit} ({rate:N0}/s, ETA {eta:hh\\:mm\\:ss})");
    }
}
