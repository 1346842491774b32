using Paperboy.Tests.Support;
using static Paperboy.Tests.Import.OaiPmhHarness;

namespace Paperboy.Tests.Import;

/// <summary>The <c>paperboy harvest</c> program itself, run as a process the way an operator runs it.</summary>
public class OaiPmhCliTests
{
    private static string[] Harvest(TestDatabase tdb, string url, params string[] more) =>
        [.. tdb.CliArgs, "harvest", "--url", url, "--prefix", "oai_dc", "--delay", "0", .. more];

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task KilledWhileWaitingForPage3_RerunResumesThere_AndEqualsAnUninterruptedHarvest(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        var waiting = server.PauseBefore(2);

        using (var process = PaperboyProcess.Start(Harvest(tdb, server.Url)))
        {
            var reached = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
            Assert.True(reached == waiting && !process.HasExited, $"the harvest never asked for page 3:\n{process.Stdout}\n{process.Stderr}");
            process.Kill();
        }

        // The kill left pages 1 and 2 committed, and the checkpoint naming page 3.
        var checkpoint = await CheckpointAsync(tdb);
        Assert.NotNull(checkpoint);
        Assert.Equal((server.TokenOf(2), 2, 2000L, false), (checkpoint.ResumptionToken, checkpoint.PagesDone, checkpoint.RecordsDone, checkpoint.Completed));
        Assert.Equal(2000, await PaperCountAsync(tdb));

        server.ClearFaults();
        var before = server.Requests.Count;
        var (code, stdout, stderr) = await PaperboyProcess.RunAsync(Harvest(tdb, server.Url));
        Assert.True(code == 0, stderr);
        Assert.Contains("read 265, imported 265, updated 0, unchanged 0, rejected 0, deleted 0, pages 1 (resumed after page 2)", stdout);
        Assert.Contains("harvest oai_dc: 100 % 2,265 records", stdout); // progress counts from the checkpoint
        Assert.Equal([server.TokenOf(2)], server.Requests.Skip(before).Select(r => r.ResumptionToken));

        await using var reference = await TestDatabase.CreateAsync(engine);
        await using var referenceServer = await OaiReplayServer.StartAsync(FullHarvest);
        var uninterrupted = await PaperboyProcess.RunAsync(Harvest(reference, referenceServer.Url));
        Assert.Equal(0, uninterrupted.ExitCode);
        var expected = await ContentAsync(reference);
        Assert.Equal(FullHarvestRecords, expected.Count);
        Assert.Equal(expected, await ContentAsync(tdb));
    }

    [Fact]
    public async Task UnmappableRecord_IsRejectedWithPageAndRecord_OthersImport_ExitCode1()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        // The real harvest with one record's id spoiled, in a temporary folder.
        var folder = Directory.CreateTempSubdirectory("paperboy-oai-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(FullHarvest, "ListRecords_data_*.xml"))
            {
                var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
                if (file.EndsWith("_1.xml")) text = text.Replace("2303.00907", "2303.0090x");
                await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(file)), text, TestContext.Current.CancellationToken);
            }
            await using var server = await OaiReplayServer.StartAsync(folder);

            var (code, stdout, stderr) = await PaperboyProcess.RunAsync(Harvest(tdb, server.Url));

            Assert.Equal(1, code);
            Assert.Equal("page 2:record 1: oai:arXiv.org:2303.0090x: 'oai:arXiv.org:2303.0090x' is not an arXiv id", stderr.Trim());
            Assert.Contains("read 2,265, imported 2,264, updated 0, unchanged 0, rejected 1, deleted 0, pages 3", stdout);
            Assert.Equal(FullHarvestRecords - 1, await PaperCountAsync(tdb));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task OaiError_ExitCode3_WithOneLineMessage()
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);
        server.ReplacePage(0, OaiFile("errors/ErrorResponseBadArgument.xml"));

        var (code, _, stderr) = await PaperboyProcess.RunAsync(Harvest(tdb, server.Url, "--set", "cs"));

        Assert.Equal(3, code);
        Assert.Equal("harvest failed: page 1: the server answered with OAI-PMH error badArgument: " +
            "Verb 'ListRecords', illegal argument 'identifier'. (check --from, --until and --set)", stderr.Trim());
        Assert.Equal("?verb=ListRecords&metadataPrefix=oai_dc&set=cs", Assert.Single(server.Requests).Query);
    }

    [Theory]
    [InlineData("--from", "2023-13-01", "--from '2023-13-01' is not a date (YYYY-MM-DD)")]
    [InlineData("--prefix", "marc21", "--prefix 'marc21' is not one of arXiv, arXivRaw, oai_dc")]
    [InlineData("--url", "ftp://example.org/oai", "--url 'ftp://example.org/oai' is not an http(s) URL")]
    [InlineData("--delay", "-1", "--delay, --max-wait and --timeout take a number of seconds (0 or more; --timeout more than 0)")]
    public async Task BadOption_IsAUsageError_AndNothingIsFetched(string option, string value, string message)
    {
        await using var tdb = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var server = await OaiReplayServer.StartAsync(FullHarvest);

        string[] args = [.. tdb.CliArgs, "harvest", "--url", server.Url, "--prefix", "oai_dc"];
        var at = Array.IndexOf(args, option);
        if (at >= 0) args[at + 1] = value;
        else args = [.. args, option, value];

        var (code, _, stderr) = await PaperboyProcess.RunAsync(args);

        Assert.Equal((2, message), (code, stderr.Trim()));
        Assert.Empty(server.Requests);
    }
}
