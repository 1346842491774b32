using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Paperboy.Tests.Support;
using static Paperboy.Tests.Import.OaiPmhHarness;

namespace Paperboy.Tests.Import;

/// <summary>Harvests against a real local HTTP server replaying arXiv's answers, into a real database.</summary>
public class OaiPmhHarvestTests
{
    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task FullHarvest_ThreePages_Imports2265_AndSecondRunChangesNothing(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero));

        var first = await RunAsync(tdb, Options(server.Url), clock);

        Assert.Equal(0, first.Code);
        Assert.Contains("read 2,265, imported 2,265, updated 0, unchanged 0, rejected 0, deleted 0, pages 3", first.Stdout);
        Assert.Equal(FullHarvestRecords, await PaperCountAsync(tdb));
        var checkpoint = await CheckpointAsync(tdb);
        Assert.NotNull(checkpoint);
        Assert.Equal((true, null, 3, 2265L), (checkpoint.Completed, checkpoint.ResumptionToken, checkpoint.PagesDone, checkpoint.RecordsDone));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(checkpoint.UpdatedAt, DateTimeKind.Utc));
        var content = await ContentAsync(tdb);
        var changes = await MaxChangeNumberAsync(tdb);

        var second = await RunAsync(tdb, Options(server.Url), clock);

        Assert.Equal(0, second.Code);
        Assert.Contains("read 2,265, imported 0, updated 0, unchanged 2,265, rejected 0, deleted 0, pages 3", second.Stdout);
        Assert.DoesNotContain("resumed", second.Stdout);
        Assert.Equal(content, await ContentAsync(tdb));
        Assert.Equal(changes, await MaxChangeNumberAsync(tdb));
        // A completed harvest starts again from the first page; resumption requests carry nothing but the token.
        Assert.Equal([0, 1, 2, 0, 1, 2], server.Requests.Select(r => r.Page));
        Assert.All(server.Requests.Where(r => r.ResumptionToken is null), r => Assert.Equal("?verb=ListRecords&metadataPrefix=oai_dc", r.Query));
        Assert.All(server.Requests, r => Assert.StartsWith("paperboy/", r.UserAgent));
    }

    [Fact]
    public async Task PageDelay_SpacesTheRequests()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        var options = Options(server.Url);
        options.PageDelay = TimeSpan.FromMilliseconds(400);

        Assert.Equal(0, (await RunAsync(tdb, options)).Code);

        var at = server.Requests.Select(r => r.At).ToList();
        Assert.Equal(3, at.Count);
        Assert.All(at.Zip(at.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(380), $"{pair.Second - pair.First}"));
    }

    [Fact]
    public async Task HttpNotFound_FailsAtOnce_WithoutRetrying()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        server.FailPage(0, 404);

        var (code, _, stderr) = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(3, code);
        Assert.Equal($"harvest failed: page 1: HTTP 404 Not Found from {server.Url}?verb=ListRecords&metadataPrefix=oai_dc", stderr.Trim());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ServerRepeatingTheToken_FailsInsteadOfAskingForever()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        // Page 2's answer again when page 3 is asked for: it names page 3's own token as the next one.
        server.ReplacePage(2, Path.Combine(FullHarvest, "ListRecords_data_1.xml"));

        var (code, _, stderr) = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(3, code);
        Assert.Equal("harvest failed: page 3: the server answered with the same resumption token it was asked for (6511260|2001)", stderr.Trim());
        Assert.Equal(2000, await PaperCountAsync(tdb));
        Assert.Equal(server.TokenOf(2), (await CheckpointAsync(tdb))!.ResumptionToken);
    }

    [Fact]
    public async Task Interrupted_KeepsCommittedPages_AndSaysHowToResume()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _ = server.PauseBefore(1).ContinueWith(_ => ctrlC.Cancel(), TaskScheduler.Default);

        var (code, _, stderr) = await RunAsync(tdb, Options(server.Url), ct: ctrlC.Token);

        Assert.Equal(3, code);
        Assert.Equal("harvest interrupted: the pages committed so far stay; run the same command again to resume", stderr.Trim());
        Assert.Equal(1000, await PaperCountAsync(tdb));
        Assert.Equal(server.TokenOf(1), (await CheckpointAsync(tdb))!.ResumptionToken);
    }

    [Fact]
    public async Task Http503WithRetryAfter_FetchesThePageAgainAfterTheWait()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        // arXiv's own flow-control answer: 503, Retry-After in seconds, and this page as the body.
        server.FailPage(1, 503, retryAfter: "1", body: File.ReadAllText(OaiFile("full-harvest-2023-03-07/arxiv_retry_after.html")));

        var (code, stdout, stderr) = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(0, code);
        Assert.Contains("page 2: HTTP 503 Service Unavailable, server asked to wait 1 s; retrying in 1 s (attempt 2 of 3)", stderr);
        Assert.Contains("read 2,265, imported 2,265", stdout);
        Assert.Equal(FullHarvestRecords, await PaperCountAsync(tdb));
        var page2 = server.Requests.Where(r => r.Page == 1).ToList();
        Assert.Equal(2, page2.Count);
        Assert.True(page2[1].At - page2[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {page2[1].At - page2[0].At}");
    }

    [Fact]
    public async Task RecordedArxiv503ThenOk_WaitsCappedAndImportsThePage()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        var recording = OaiFile("recorded-http/oaipmh-listrecords---should-list-identifiers-from-arxiv.json");
        await using var server = await OaiReplayServer.StartRecordingAsync(recording);
        var options = Options(server.Url, prefix: "arXiv");
        (options.From, options.Until, options.MaxWait) = ("2015-01-01", "2015-01-03", TimeSpan.FromMilliseconds(50));

        var (code, stdout, stderr) = await RunAsync(tdb, options);

        Assert.Equal(0, code);
        // arXiv asked for 10 s; --max-wait caps it.
        Assert.Contains("page 1: HTTP 503 Service Unavailable, server asked to wait 10 s; retrying in 50 ms", stderr);
        Assert.Contains("read 2, imported 2, updated 0, unchanged 0, rejected 0, deleted 0, pages 1", stdout);
        // Both requests ask what the recorded client asked, argument for argument.
        var recorded = new[] { "metadataPrefix=arXiv", "from=2015-01-01", "until=2015-01-03", "verb=ListRecords" }.Order();
        Assert.All(server.Requests, r => Assert.Equal(recorded, r.Query.TrimStart('?').Split('&').Order()));
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(await ContentAsync(tdb), row => row.StartsWith("1412.8544 | 0 | A Kochen-Specker system has at least 22 vectors"));
    }

    [Fact]
    public async Task NoRecordsMatch_IsAnEmptyHarvest()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        server.ReplacePage(0, OaiFile("errors/ErrorResponseNoRecordsMatch.xml"));

        var (code, stdout, stderr) = await RunAsync(tdb, Options(server.Url));

        Assert.Equal((0, ""), (code, stderr));
        Assert.Contains("read 0, imported 0, updated 0, unchanged 0, rejected 0, deleted 0, pages 1", stdout);
        Assert.Equal(0, await PaperCountAsync(tdb));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("ErrorResponseBadArgument.xml", "OAI-PMH error badArgument: Verb 'ListRecords', illegal argument 'identifier'. (check --from, --until and --set)")]
    [InlineData("ErrorResponseBadVerb.xml", "OAI-PMH error badVerb: Bad verb. Verb 'wah' not implemented. (is --url an OAI-PMH endpoint?)")]
    [InlineData("ErrorResponseBadResumptionToken.xml", "OAI-PMH error badResumptionToken: The resumptionToken supplied is illegal for this repository")]
    public async Task OaiErrorOnFirstPage_FailsWithTheCodeAndWritesNothing(string file, string message)
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        server.ReplacePage(0, OaiFile("errors/" + file));

        var (code, stdout, stderr) = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(3, code);
        Assert.Equal($"harvest failed: page 1: the server answered with {message}", stderr.Trim());
        Assert.Equal("", stdout);
        Assert.Equal(0, await PaperCountAsync(tdb));
        Assert.Null(await CheckpointAsync(tdb));
    }

    [Fact]
    public async Task WrongPrefix_IsReportedAsCannotDisseminateFormat()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);

        var (code, _, stderr) = await RunAsync(tdb, Options(server.Url, prefix: "arXivRaw"));

        Assert.Equal(3, code);
        Assert.Contains("OAI-PMH error cannotDisseminateFormat", stderr);
        Assert.EndsWith("(check --prefix)", stderr.Trim());
    }

    [Fact]
    public async Task ExpiredTokenMidHarvest_ClearsCheckpointAndRerunStartsOver()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        server.ReplacePage(1, OaiFile("errors/ErrorResponseBadResumptionToken.xml"));

        var (code, _, stderr) = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(3, code);
        Assert.StartsWith("harvest failed: page 2: the server rejected the resumption token (badResumptionToken: " +
            "The resumptionToken supplied is illegal for this repository). Tokens expire, so the checkpoint was cleared: " +
            "run the same harvest again", stderr);
        Assert.Equal(1000, await PaperCountAsync(tdb));
        Assert.Null(await CheckpointAsync(tdb));

        server.ClearFaults();
        var rerun = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(0, rerun.Code);
        Assert.Contains("read 2,265, imported 1,265, updated 0, unchanged 1,000", rerun.Stdout);
        Assert.Equal(FullHarvestRecords, await PaperCountAsync(tdb));
    }

    [Fact]
    public async Task SavedTokenTheServerNoLongerKnows_ClearsCheckpointAndRerunStartsOver()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        var options = Options(server.Url);
        await using (var db = tdb.CreateContext())
        {
            db.HarvestCheckpoints.Add(new() { Key = options.CheckpointKey, ResumptionToken = "6511260|9001", PagesDone = 9, RecordsDone = 9000, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var stale = await RunAsync(tdb, options);

        Assert.Equal(3, stale.Code);
        Assert.Contains("page 10: the server rejected the resumption token (badResumptionToken", stale.Stderr);
        Assert.Equal("6511260|9001", Assert.Single(server.Requests).ResumptionToken);
        Assert.Null(await CheckpointAsync(tdb));

        var rerun = await RunAsync(tdb, options);

        Assert.Equal(0, rerun.Code);
        Assert.Contains("read 2,265, imported 2,265", rerun.Stdout);
        Assert.Equal(0, server.Requests[1].Page);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ServerFailsAfterPage1_CheckpointHoldsPage2Token_AndRerunResumesThere(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        server.FailPage(1, 500, times: int.MaxValue);

        var failed = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(3, failed.Code);
        Assert.Contains("harvest failed: page 2: HTTP 500 Internal Server Error; gave up after 3 attempts at " +
            $"{server.Url}?verb=ListRecords&resumptionToken=6511260%7C1001", failed.Stderr);
        Assert.Equal(3, server.Requests.Count(r => r.Page == 1));
        var checkpoint = await CheckpointAsync(tdb);
        Assert.NotNull(checkpoint);
        Assert.Equal((server.TokenOf(1), 1, 1000L, false), (checkpoint.ResumptionToken, checkpoint.PagesDone, checkpoint.RecordsDone, checkpoint.Completed));
        Assert.Equal(1000, await PaperCountAsync(tdb));

        server.ClearFaults();
        var before = server.Requests.Count;
        var resumed = await RunAsync(tdb, Options(server.Url));

        Assert.Equal(0, resumed.Code);
        Assert.Contains("read 1,265, imported 1,265, updated 0, unchanged 0, rejected 0, deleted 0, pages 2 (resumed after page 1)", resumed.Stdout);
        Assert.Equal([1, 2], server.Requests.Skip(before).Select(r => r.Page));
        Assert.Equal(FullHarvestRecords, await PaperCountAsync(tdb));
        Assert.True((await CheckpointAsync(tdb))!.Completed);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetriedThenReportedClearly()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        // A port that was free a moment ago: nothing listens there now.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, stderr) = await RunAsync(tdb, Options($"http://127.0.0.1:{port}/oai"));

        Assert.Equal(3, code);
        Assert.Contains("page 1: Connection refused", stderr);
        Assert.Equal(2, stderr.Split('\n').Count(l => l.Contains("; retrying in")));
        Assert.Contains("gave up after 3 attempts", stderr);
        Assert.Single(stderr.Trim().Split('\n'), l => l.StartsWith("harvest failed:"));
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOutAndRetries()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        _ = server.PauseBefore(0);
        var options = Options(server.Url);
        (options.RequestTimeout, options.Retries) = (TimeSpan.FromMilliseconds(300), 1);

        var (code, _, stderr) = await RunAsync(tdb, options);

        Assert.Equal(3, code);
        Assert.Contains("harvest failed: page 1: no complete answer within 300 ms; gave up after 2 attempts", stderr);
        Assert.Equal(2, server.Requests.Count);
    }
}
