using System.Diagnostics;
using System.Text;

namespace Paperboy.Tests.Support;

/// <summary>
/// Runs the real <c>paperboy</c> program (the build beside the tests) as a separate process, the way a user
/// or an operator does, so tests can check exit codes, output and what a real kill leaves behind.
/// </summary>
public sealed class PaperboyProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "paperboy.dll");

    private PaperboyProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        // The tests' own PostgreSQL variable must not leak into the program under test.
        info.Environment.Remove("Paperboy__Database__ConnectionString");
        // Configuration keys (Paperboy:Mail:Smtp:Host) reach the program as environment variables, as in production.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) info.Environment[key.Replace(":", "__")] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static PaperboyProcess Start(params IEnumerable<string> args) => new(args);

    /// <summary>Starts the program with configuration <paramref name="settings"/> (keys such as <c>Paperboy:Digests:Parallelism</c>).</summary>
    public static PaperboyProcess Start(IReadOnlyDictionary<string, string?> settings, params IEnumerable<string> args) => new(args, settings);

    /// <summary>Runs to completion (or fails the test after <paramref name="timeout"/>).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        using var p = Start(args);
        var code = await p.WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        return (code, p.Stdout, p.Stderr);
    }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int Id => _process.Id;

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"paperboy did not finish in {timeout}:\n{Stdout}\n{Stderr}");
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no cleanup, no finally blocks, exactly what a crash or an OOM kill does.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
