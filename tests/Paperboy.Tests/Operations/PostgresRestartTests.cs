using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Paperboy.Data;
using Paperboy.Import;

namespace Paperboy.Tests.Operations;

/// <summary>
/// PostgreSQL restarted under a steady load of votes and reads on a running <c>paperboy serve</c>: the site
/// reconnects by itself (no restart of Paperboy) within a bounded time, requests caught by the outage fail with a
/// clean 503 or wait and succeed, no acknowledged vote is lost, counts and scores match the rows, and the
/// background indexer survives (a paper written after the restart becomes searchable).
/// </summary>
public class PostgresRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Members = ["ana", "bo", "cy", "di"];
    private const int Papers = 6;

    /// <summary>How long the site may take to answer again once PostgreSQL is back.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    private sealed record Failure(TimeSpan At, string What, int Status, string? ContentType, string Body);

    [Fact]
    public async Task PostgresRestartedUnderLoad_SiteReconnectsByItself_AndKeepsEveryAcknowledgedVote()
    {
        await using var postgres = await PrivatePostgres.StartAsync("paperboy");
        var data = new DataFolder(Directory.CreateTempSubdirectory("paperboy-test-").FullName);
        var options = new DatabaseOptions { ConnectionString = postgres.ConnectionString("paperboy") };
        AppDbContext Context() => DataServices.CreateContext(data, options);
        try
        {
            await using (var db = Context()) await DataServices.MigrateAsync(db, Ct);
            var secrets = await FaultSite.SeedAsync(Context, Papers, Members);
            var (server, http) = await BackupSite.ServeAsync(["--data", data.Path, "--database", options.ConnectionString], FaultSite.Settings);
            using var _ = server;
            using var __ = http;

            var clock = Stopwatch.StartNew();
            var failures = new ConcurrentQueue<Failure>();
            var reads = 0;
            var slowestRead = TimeSpan.Zero;
            var stop = false;
            var ledgers = Members.Select(m => new VoteLedger(m)).ToArray();
            var load = Members.Select((m, i) => Task.Run(() => ledgers[i].VoteAsync(FaultSite.Member(http.BaseAddress!, secrets[m]), Papers, i,
                    () => Volatile.Read(ref stop), (code, body) => failures.Enqueue(new(clock.Elapsed, $"vote by {m}", code, "application/problem+json", body)), Ct), Ct))
                .Concat(Enumerable.Range(0, 2).Select(r => Task.Run(() => ReadAsync(http.BaseAddress!, r, clock, failures,
                    took => { Interlocked.Increment(ref reads); lock (failures) if (took > slowestRead) slowestRead = took; }, () => Volatile.Read(ref stop)), Ct)))
                .ToList();

            await Task.Delay(1500, Ct);
            Assert.Empty(failures);
            var acknowledgedBefore = ledgers.Sum(l => l.Acknowledged);
            Assert.True(acknowledgedBefore > 0 && Volatile.Read(ref reads) > 0, "no load before the restart:\n" + server.Stderr);

            var outage = clock.Elapsed;
            await postgres.StopAsync();
            await Task.Delay(3000, Ct); // a restart that takes a while, so requests meet a server that is down
            await postgres.StartAsync();
            var back = clock.Elapsed;
            var (votesAtStart, readsAtStart) = (ledgers.Sum(l => l.Acknowledged), Volatile.Read(ref reads));

            // Votes and reads succeed again, without anybody touching the Paperboy process.
            while (ledgers.Sum(l => l.Acknowledged) <= votesAtStart || Volatile.Read(ref reads) <= readsAtStart)
            {
                Assert.False(server.HasExited, "paperboy exited:\n" + server.Stderr);
                Assert.True(clock.Elapsed - back < RecoveryBound, $"no successful vote and read within {RecoveryBound} after PostgreSQL came back:\n" +
                    Describe(failures) + Tail(server.Stdout));
                await Task.Delay(100, Ct);
            }
            var recovered = clock.Elapsed;
            await Task.Delay(1500, Ct);
            Volatile.Write(ref stop, true);
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(90), Ct);

            // What failed, failed during the outage or just after it, as a 503 that says so, never a 500 or a trace.
            Assert.All(failures, f =>
            {
                Assert.True(f.Status == 503, $"{f.What} at {f.At}: {f.Status} {f.Body}");
                Assert.True(f.At >= outage && f.At <= recovered + TimeSpan.FromSeconds(1), $"{f.What} failed at {f.At}, outside the outage {outage}..{recovered}");
                Assert.DoesNotContain("Exception", f.Body);
                Assert.DoesNotContain(" at Paperboy.", f.Body);
            });
            Assert.All(ledgers, l => Assert.True(l.Unanswered == failures.Count(f => f.What == $"vote by {l.Member}"),
                $"{l.Member}: a vote got no answer at all (the client gave up or the connection broke)"));
            Assert.True(ledgers.Sum(l => l.Acknowledged) > votesAtStart);

            var rows = await FaultSite.VotesAsync(Context);
            foreach (var ledger in ledgers)
                foreach (var paper in ledger.Papers)
                    Assert.True(ledger.Allows(paper, rows.Contains((ledger.Member, paper))), $"{ledger.Describe(paper)}; stored: {rows.Contains((ledger.Member, paper))}");
            await FaultSite.AssertDerivedStateAsync(Context);

            // The background indexer reconnected too: a paper written now is found by search.
            await using (var db = Context())
                await new PaperWriter(db).WriteAsync([BackupSite.Paper("2506.09999", "Afterwards zanzibarite results", new DateOnly(2025, 6, 2))], ct: Ct);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!(await http.GetStringAsync("/search?q=zanzibarite", Ct)).Contains("2506.09999"))
            {
                Assert.True(DateTime.UtcNow < deadline, "a paper written after the restart was not indexed within 20 s:\n" + Tail(server.Stdout));
                await Task.Delay(200, Ct);
            }
            using var ready = await http.GetAsync("/readyz", Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.False(server.HasExited);
            TestContext.Current.TestOutputHelper?.WriteLine($"outage {outage}..{back}, recovered {recovered}, {failures.Count} refused, " +
                $"{ledgers.Sum(l => l.Acknowledged)} votes acknowledged, {reads} reads, the slowest {slowestRead}");
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            try { Directory.Delete(data.Path, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Reads pages and API answers that query the database, one after another, until told to stop.</summary>
    private static async Task ReadAsync(Uri site, int seed, Stopwatch clock, ConcurrentQueue<Failure> failures,
        Action<TimeSpan> succeeded, Func<bool> stop)
    {
        using var http = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromSeconds(60) };
        var random = new Random(seed);
        while (!stop())
        {
            var paper = FaultSite.PaperId(random.Next(1, Papers + 1));
            var url = random.Next(2) == 0 ? $"/papers/{paper}" : $"/api/papers/{paper}/comments";
            var started = clock.Elapsed;
            using var response = await http.GetAsync(url, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.IsSuccessStatusCode) succeeded(clock.Elapsed - started);
            else failures.Enqueue(new(clock.Elapsed, "GET " + url, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        }
    }

    private static string Describe(IEnumerable<Failure> failures) =>
        string.Join("\n", failures.TakeLast(10).Select(f => $"{f.At} {f.What}: {f.Status} {f.Body[..Math.Min(f.Body.Length, 200)]}")) + "\n";

    private static string Tail(string log) => log[Math.Max(0, log.Length - 6000)..];
}
