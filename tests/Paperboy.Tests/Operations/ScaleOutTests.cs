using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// Two real <c>paperboy serve</c> processes on one PostgreSQL database serve one site: members move between them
/// freely, votes from both stay exact, each node's search finds what was written through the other.
/// </summary>
public class ScaleOutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Members = ["ana", "bo", "cy", "di", "ed", "flo", "gus", "hal"];
    private const int Papers = 12;

    private static string PaperId(int i) => $"2506.{i:00000}";

    [Fact]
    public async Task TwoNodes_ShareSignInsAndForms_KeepVotesExact_AndIndexEachOthersWrites()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        await BackupSite.PopulateAsync(database, Papers);
        await ScaleOutSite.AddMembersAsync(database, Members);
        await using var arxiv = await ArxivApiServer.StartAsync();
        await using var site = await ScaleOutSite.StartAsync(database, 2, new Dictionary<string, string?>
        {
            ["Paperboy:Arxiv:ApiUrl"] = arxiv.Url,
            // The recorded arXiv papers are years old; the age limit is not what this test is about.
            ["Paperboy:Submissions:MaxAgeDays"] = "100000",
            // Every member signs in from 127.0.0.1 here; a sign-in limit per address would refuse some of them.
            ["Paperboy:RateLimits:SignIn:Permits"] = "1000",
        });

        var before = new Dictionary<string, int>();
        for (var p = 1; p <= Papers; p++) before[PaperId(p)] = await UpvotesAsync(site, 0, PaperId(p));

        // Each member signs in on one node; the other node knows them, and takes the forms the first one served.
        var browsers = new List<HttpClient>();
        for (var m = 0; m < Members.Length; m++)
        {
            var (home, other) = (m % 2, 1 - m % 2);
            var browser = ScaleOutSite.Browser();
            browsers.Add(browser);
            var token = await ScaleOutSite.TokenAsync(browser, site.Url(home, "/account/signin"));
            using var signedIn = await ScaleOutSite.PostFormAsync(browser, site.Url(home, "/account/signin"), token,
                [new("Form.Name", Members[m]), new("Form.Password", WebSession.Password)]);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            using var elsewhere = await browser.GetAsync(site.Url(other, "/account/interests"), Ct);
            Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        }

        // Every member votes on every paper at once, through both nodes, some changing their mind on the way; a
        // form is always posted to the node that did not serve it.
        var final = new bool[Members.Length, Papers + 1];
        await Task.WhenAll(Enumerable.Range(0, Members.Length).Select(async m =>
        {
            var browser = browsers[m];
            var tokens = new[]
            {
                await ScaleOutSite.TokenAsync(browser, site.Url(0, "/papers/" + PaperId(1))),
                await ScaleOutSite.TokenAsync(browser, site.Url(1, "/papers/" + PaperId(1))),
            };
            var random = new Random(m);
            for (var p = 1; p <= Papers; p++)
            {
                bool[] steps = random.Next(3) switch { 0 => [true], 1 => [true, false], _ => [true, false, true] };
                for (var s = 0; s < steps.Length; s++)
                {
                    var node = (m + p + s) % 2;
                    using var response = await ScaleOutSite.PostFormAsync(browser, site.Url(node, "/vote"), tokens[1 - node],
                        [new("paper", PaperId(p)), new("up", steps[s] ? "true" : "false")], json: true);
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"vote on node {node}: {(int)response.StatusCode} {body}");
                    Assert.Equal(steps[s], (bool)JsonNode.Parse(body)!["voted"]!);
                }
                final[m, p] = steps[^1];
            }
        }));

        await using (var db = database.CreateContext())
            for (var p = 1; p <= Papers; p++)
            {
                var id = PaperId(p);
                var expected = before[id] + Enumerable.Range(0, Members.Length).Count(m => final[m, p]);
                var paperId = await db.Papers.Where(x => x.ArxivId == id).Select(x => x.Id).SingleAsync(Ct);
                var votes = await db.Votes.CountAsync(v => v.PaperId == paperId, Ct);
                var stored = await db.DailyEntries.Where(e => e.Paper.ArxivId == id).Select(e => e.Upvotes + e.LocalUpvotes).SingleAsync(Ct);
                Assert.True(expected == stored, $"{id}: before {before[id]}, expected {expected}, stored {stored}, vote rows {votes}, node 0 {await UpvotesAsync(site, 0, id)}");
                Assert.Equal(expected, await UpvotesAsync(site, 0, id));
                Assert.Equal(expected, await UpvotesAsync(site, 1, id));
            }

        // A paper submitted through one node is found by the other node's search, and the other way round.
        await SubmitAsync(site, browsers[0], 0, "1309.4668");
        await SubmitAsync(site, browsers[1], 1, "1606.02159");
        await AssertFoundAsync(database, site, 1, "1309.4668");
        await AssertFoundAsync(database, site, 0, "1606.02159");

        foreach (var b in browsers) b.Dispose();
    }

    private static readonly string[] Jobs = ["trending", "digests", "harvest"];

    [Fact]
    public async Task TwoNodes_RunEachScheduledJobOnce_AndTheSurvivorTakesOverWhenTheHolderIsKilled()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        await BackupSite.PopulateAsync(database, 3);
        await using var oai = await OaiReplayServer.StartAsync(OaiPmhHarness.FullHarvest);
        var interval = TimeSpan.FromSeconds(1);
        await using var site = await ScaleOutSite.StartAsync(database, 2, new Dictionary<string, string?>
        {
            ["Paperboy:Trending:RefreshMinutes"] = interval.TotalMinutes.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["Paperboy:Digests:CheckSeconds"] = interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Paperboy:Harvest:EveryMinutes"] = interval.TotalMinutes.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["Paperboy:Harvest:Url"] = oai.Url,
            ["Paperboy:Harvest:DelaySeconds"] = "0",
            // The recorded harvest is in Dublin Core.
            ["Paperboy:Harvest:Prefix"] = "oai_dc",
        });

        // Both nodes run every job's timer; in a window of several intervals the runs of both together are what one
        // node alone makes (a tick can be late, never early), where two unleased nodes would make twice as many.
        await Task.Delay(interval * 3, Ct);
        var start = await RunsAsync(site);
        var window = TimeSpan.FromSeconds(10);
        await Task.Delay(window, Ct);
        var end = await RunsAsync(site);
        foreach (var job in Jobs)
        {
            var runs = (end[job][0] - start[job][0]) + (end[job][1] - start[job][1]);
            Assert.True(runs >= 3 && runs <= window / interval + 2,
                $"{job}: {runs} runs in {window.TotalSeconds} s (node 0 {end[job][0] - start[job][0]}, node 1 {end[job][1] - start[job][1]})");
        }
        // The harvests did harvest: the recorded pages' papers are in the database beside the three seeded ones.
        await using (var db = database.CreateContext())
            Assert.True(await db.Papers.CountAsync(Ct) > 3, "the scheduled harvest stored nothing");

        // Kill the node that holds the trending lease: the other one takes the job over once the lease expires.
        string holder;
        await using (var db = database.CreateContext())
            holder = await db.JobLeases.Where(l => l.Job == "trending").Select(l => l.Holder).SingleAsync(Ct);
        var dead = site.Nodes.FindIndex(n => holder.Contains($"/{n.Process.Id}/", StringComparison.Ordinal));
        Assert.True(dead >= 0, $"the lease holder {holder} is neither node");
        var survivor = 1 - dead;
        site.Nodes[dead].Process.Kill();
        var before = await site.MetricAsync(survivor, "paperboy_jobs_runs_total", "job=\"trending\"");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await site.MetricAsync(survivor, "paperboy_jobs_runs_total", "job=\"trending\"") < before + 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the surviving node did not take the trending job over within 20 s");
            await Task.Delay(200, Ct);
        }
        await using (var db = database.CreateContext())
            Assert.Contains($"/{site.Nodes[survivor].Process.Id}/", await db.JobLeases.Where(l => l.Job == "trending").Select(l => l.Holder).SingleAsync(Ct));
    }

    /// <summary>Runs started so far of each job, per node, from each node's <c>/metrics</c>.</summary>
    private static async Task<Dictionary<string, double[]>> RunsAsync(ScaleOutSite site)
    {
        var runs = new Dictionary<string, double[]>();
        foreach (var job in Jobs)
            runs[job] = [await site.MetricAsync(0, "paperboy_jobs_runs_total", $"job=\"{job}\""),
                await site.MetricAsync(1, "paperboy_jobs_runs_total", $"job=\"{job}\"")];
        return runs;
    }

    private static async Task<int> UpvotesAsync(ScaleOutSite site, int node, string id)
    {
        var json = JsonNode.Parse(await site.Nodes[node].Http.GetStringAsync($"/api/papers/{id}", Ct))!;
        return (int)json["upvotes"]!;
    }

    private static async Task SubmitAsync(ScaleOutSite site, HttpClient browser, int node, string id)
    {
        var token = await ScaleOutSite.TokenAsync(browser, site.Url(node, "/papers/submit"));
        using var response = await ScaleOutSite.PostFormAsync(browser, site.Url(node, "/papers/submit"), token, [new("Paper", id)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"submitting {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>The other node's search finds the paper by its title within a few of its catch-up rounds.</summary>
    private static async Task AssertFoundAsync(TestDatabase database, ScaleOutSite site, int node, string id)
    {
        string title;
        await using (var db = database.CreateContext())
            title = await db.Papers.Where(p => p.ArxivId == id).Select(p => p.Title).SingleAsync(Ct);
        var url = $"/api/papers/search?mode=keyword&limit=5&q={Uri.EscapeDataString(title)}";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string body;
        do
        {
            using var response = await site.Nodes[node].Http.GetAsync(url, Ct);
            body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"node {node} answered {(int)response.StatusCode} to {url}: {body}\n{Tail(site.Nodes[node].Process.Stdout)}");
            if (body.Contains($"\"id\":\"{id}\"", StringComparison.Ordinal)) return;
            await Task.Delay(250, Ct);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"node {node} did not find {id} ('{title}') within 30 s: {body}");
    }

    private static string Tail(string log) => log[Math.Max(0, log.Length - 6000)..];
}
