using System.Diagnostics;
using Npgsql;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// A PostgreSQL server of the test's own, in a temporary folder on a free loopback port, that the test may stop and
/// start: the shared server of ./test.sh serves other tests in parallel and must never go down. Set up the way
/// test.sh sets up that one (as root, the server runs as the postgres user). Skips the test when the server
/// programs are not installed.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgresUser;

    public int Port { get; }
    public string AdminConnection => $"Host=127.0.0.1;Port={Port};Username=postgres;Timeout=5";
    private string DataPath => Path.Combine(_root, "data");

    private PrivatePostgres(string bin, string root, bool asPostgresUser, int port) =>
        (_bin, _root, _asPostgresUser, Port) = (bin, root, asPostgresUser, port);

    /// <summary>Creates the cluster, starts it and makes an empty database <paramref name="database"/>.</summary>
    public static async Task<PrivatePostgres> StartAsync(string database)
    {
        // Debian keeps initdb and pg_ctl in /usr/lib/postgresql/VERSION/bin, outside PATH.
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderBy(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).LastOrDefault()
            : null;
        if (bin is null) Assert.Skip("PostgreSQL's server programs (initdb, pg_ctl in /usr/lib/postgresql/*/bin) are not installed");
        // PostgreSQL refuses to run as root.
        var asPostgres = Environment.IsPrivilegedProcess;
        if (asPostgres && !(await RunAsync("id", ["postgres"])).Ok)
            Assert.Skip("running as root, and there is no 'postgres' user to run a PostgreSQL server as");
        var root = Directory.CreateTempSubdirectory("paperboy-pg-").FullName;
        var server = new PrivatePostgres(bin, root, asPostgres, BackupSite.FreePort());
        try
        {
            if (asPostgres) await server.MustAsync("chown", ["postgres", root]);
            await server.MustAsync(server.Pg("initdb"), ["-D", server.DataPath, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
            await server.StartAsync();
            await using var conn = new NpgsqlConnection(server.AdminConnection);
            await conn.OpenAsync(Ct);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", conn);
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(AdminConnection) { Database = database }.ToString();

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => MustAsync(Pg("pg_ctl"), ["-D", DataPath, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start"]);

    /// <summary>
    /// A fast shutdown, as a service manager's restart does: open transactions are rolled back and every client's
    /// connection is closed by the server.
    /// </summary>
    public Task StopAsync() => MustAsync(Pg("pg_ctl"), ["-D", DataPath, "-m", "fast", "-w", "-t", "60", "stop"]);

    public string Log => File.Exists(Path.Combine(_root, "server.log")) ? File.ReadAllText(Path.Combine(_root, "server.log")) : "";

    private string Pg(string tool) => Path.Combine(_bin, tool);

    private async Task MustAsync(string tool, string[] args)
    {
        var (ok, output) = _asPostgresUser && tool.StartsWith(_bin, StringComparison.Ordinal)
            ? await RunAsync("runuser", ["-u", "postgres", "--", tool, .. args])
            : await RunAsync(tool, args);
        Assert.True(ok, $"{Path.GetFileName(tool)} failed:\n{output}\n{Log}");
    }

    private static async Task<(bool Ok, string Output)> RunAsync(string tool, string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        // The server started by pg_ctl writes to its log file, not to these pipes, so they close when pg_ctl exits.
        var stdout = p.StandardOutput.ReadToEndAsync(Ct);
        var stderr = p.StandardError.ReadToEndAsync(Ct);
        await p.WaitForExitAsync(Ct);
        return (p.ExitCode == 0, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataPath, "postmaster.pid")))
        {
            var args = new[] { "-D", DataPath, "-m", "immediate", "-w", "stop" };
            await (_asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", Pg("pg_ctl"), .. args]) : RunAsync(Pg("pg_ctl"), args));
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
