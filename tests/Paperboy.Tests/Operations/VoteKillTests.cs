using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// A real <c>paperboy serve</c> killed (SIGKILL) in the middle of a burst of votes and withdrawals from several
/// members: after a restart on the same database every acknowledged vote is there, once, nothing is half-written,
/// and the stored counts and trending scores agree with the vote rows.
/// </summary>
public class VoteKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Members = ["ana", "bo", "cy", "di", "ed", "flo"];
    private const int Papers = 6;

    /// <summary>Enough acknowledged votes that every member has several, and requests are in flight at the kill.</summary>
    private const int KillAfter = 150;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ServerKilledDuringVotes_KeepsEveryAcknowledgedVoteOnce_AndCountsMatchRows(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var secrets = await FaultSite.SeedAsync(database.CreateContext, Papers, Members);
        var (server, http) = await BackupSite.ServeAsync(database.CliArgs, FaultSite.Settings);
        var ledgers = Members.Select(m => new VoteLedger(m)).ToArray();
        var refusals = new ConcurrentQueue<string>();
        using (server)
        using (http)
        {
            var stop = false;
            var voters = Members.Select((m, i) => Task.Run(() => ledgers[i].VoteAsync(FaultSite.Member(http.BaseAddress!, secrets[m]),
                Papers, seed: i, () => Volatile.Read(ref stop), (code, body) => refusals.Enqueue($"{m}: {code} {body}"), Ct), Ct)).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (ledgers.Sum(l => l.Acknowledged) < KillAfter && voters.Any(v => !v.IsCompleted) && DateTime.UtcNow < deadline)
                await Task.Delay(5, Ct);
            server.Kill();
            Volatile.Write(ref stop, true);
            await Task.WhenAll(voters).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.Empty(refusals);
        Assert.True(ledgers.Sum(l => l.Acknowledged) >= KillAfter, "the voters stopped before the kill:\n" + server.Stderr);
        // Requests were cut off by the kill, not only between requests.
        Assert.True(ledgers.Sum(l => l.Unanswered) > 0, "no request was in flight when the server was killed");

        await AssertVotesAllowedAsync(database, ledgers);
        await FaultSite.AssertDerivedStateAsync(database.CreateContext);

        // The restarted site serves the counts of the rows, and takes votes again with counts that follow the rows.
        var (again, http2) = await BackupSite.ServeAsync(database.CliArgs, FaultSite.Settings);
        using (again)
        using (http2)
        {
            var rows = await FaultSite.VotesAsync(database.CreateContext);
            for (var p = 1; p <= Papers; p++)
            {
                var paper = JsonNode.Parse(await http2.GetStringAsync($"/api/papers/{FaultSite.PaperId(p)}", Ct))!;
                Assert.Equal(3 + rows.Count(r => r.Paper == FaultSite.PaperId(p)), (int)paper["upvotes"]!);
            }
            foreach (var member in Members)
            {
                using var client = FaultSite.Member(http2.BaseAddress!, secrets[member]);
                using var response = await client.PostAsync($"/api/papers/{FaultSite.PaperId(1)}/upvote", null, Ct);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
            }
            var after = await FaultSite.VotesAsync(database.CreateContext);
            Assert.All(Members, m => Assert.Contains((m, FaultSite.PaperId(1)), after));
        }
        await FaultSite.AssertDerivedStateAsync(database.CreateContext);
    }

    private static async Task AssertVotesAllowedAsync(TestDatabase database, VoteLedger[] ledgers)
    {
        var rows = await FaultSite.VotesAsync(database.CreateContext);
        foreach (var ledger in ledgers)
            foreach (var paper in ledger.Papers)
                Assert.True(ledger.Allows(paper, rows.Contains((ledger.Member, paper))),
                    $"{ledger.Describe(paper)}; stored: {rows.Contains((ledger.Member, paper))}");
        // Nobody voted on a paper they never asked about.
        Assert.All(rows, r => Assert.True(ledgers.First(l => l.Member == r.Member).Papers.Contains(r.Paper), $"unasked vote {r}"));
    }
}
