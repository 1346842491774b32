using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Import;

/// <summary><c>paperboy import</c> as a user runs it: the real program in its own process.</summary>
public class ImportCommandTests
{
    [Fact]
    public async Task ImportHf_ArrayOfPythonReprStrings_Exits1AndNamesEveryRejectedRecord()
    {
        var path = SharedData.File("hf-daily-papers/malformed/2024-12-11.json");
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. db.CliArgs, "import", "hf", path]);

        Assert.Equal(1, code);
        Assert.Equal(
            Enumerable.Range(1, 26).Select(n => $"2024-12-11.json:record {n}: expected a JSON object, found a string (a Python repr?)"),
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"{path}: read 26, imported 0, updated 0, unchanged 0, rejected 26", stdout);
    }

    [Fact]
    public async Task ImportHf_OneBrokenLineAmongGoodOnes_ImportsTheGoodOnesAndNamesTheLine()
    {
        var real = RealLines.First(SharedData.File("hf-daily-papers/daily-papers-2024-05-to-2026-08.jsonl.gz"), 3);
        using var temp = new TempFolder();
        var path = temp.WriteLines("mixed.jsonl", [real[0], real[1], real[2][..(real[2].Length / 2)], real[2]]);
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. db.CliArgs, "import", "hf", path]);

        Assert.Equal(1, code);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mixed.jsonl:3: invalid JSON: ", error);
        Assert.Contains($"{path}: read 4, imported 3, updated 0, unchanged 0, rejected 1", stdout);
        await using var ctx = db.CreateContext();
        Assert.Equal(3, await ctx.Papers.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, await ctx.DailyEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_AllGood_Exits0WithASummaryPerFileAndATotal()
    {
        var page = SharedData.File("arxiv/atom/query.xml");
        var empty = SharedData.File("arxiv/atom/query_empty.xml");
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. db.CliArgs, "import", "atom", page, empty]);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains($"{page}: read 10, imported 10, updated 0, unchanged 0, rejected 0", stdout);
        Assert.Contains($"{empty}: read 0, imported 0, updated 0, unchanged 0, rejected 0", stdout);
        Assert.Contains("total: read 10, imported 10, updated 0, unchanged 0, rejected 0", stdout);
    }

    [Fact]
    public async Task Import_MissingFile_Exits2AndImportsNothing()
    {
        using var temp = new TempFolder();
        var good = temp.WriteLines("good.jsonl", RealLines.First(SharedData.File("arxiv/daily-arxiv-74k.jsonl.gz"), 2));
        var missing = Path.Combine(temp.Path, "missing.jsonl");
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. db.CliArgs, "import", "jsonl", good, missing]);

        Assert.Equal(2, code);
        Assert.Contains($"{missing}: no such file", stderr);
        Assert.DoesNotContain("imported", stdout);
        await using var ctx = db.CreateContext();
        Assert.Equal(0, await ctx.Papers.CountAsync(TestContext.Current.CancellationToken));
    }

    /// <remarks>
    /// The 74k listings on SQLite; on PostgreSQL, where the writer takes 1 min 45 s for them, the HF archive
    /// (9,581 entries, 9,577 papers, five batches) keeps the test under a minute.
    /// </remarks>
    [Theory]
    [InlineData(Engine.Sqlite, "jsonl", "arxiv/daily-arxiv-74k.jsonl.gz", 74_728, 74_728)]
    [InlineData(Engine.Postgres, "hf", "hf-daily-papers/daily-papers-2024-05-to-2026-08.jsonl.gz", 9_581, 9_577)]
    public async Task Import_KilledPartWayAndRunAgain_EndsAsAnUninterruptedImport(Engine engine, string format, string file, int records, int papers)
    {
        var path = SharedData.File(file);
        var ct = TestContext.Current.CancellationToken;
        await using var whole = await TestDatabase.CreateAsync(engine);
        await using var killed = await TestDatabase.CreateAsync(engine);

        var clock = Stopwatch.StartNew();
        var (code, stdout, _) = await PaperboyProcess.RunAsync([.. whole.CliArgs, "import", format, path], TimeSpan.FromMinutes(10));
        TestContext.Current.TestOutputHelper?.WriteLine($"{engine}: uninterrupted import {clock.Elapsed}");
        Assert.Equal(0, code);
        Assert.Contains($"read {records:N0}, imported {papers:N0}, updated 0, unchanged {records - papers:N0}, rejected 0", stdout);

        // SIGKILL once the first batch is committed: no cleanup runs, and the batch in flight is lost.
        long before;
        using (var run = PaperboyProcess.Start([.. killed.CliArgs, "import", format, path]))
        {
            await using var ctx = killed.CreateContext();
            while ((before = await ctx.Papers.LongCountAsync(ct)) == 0 && !run.HasExited) await Task.Delay(20, ct);
            run.Kill();
            Assert.False(run.Stdout.Contains("rejected"), "the import finished before it could be killed");
        }
        long committed;
        await using (var ctx = killed.CreateContext()) committed = await ctx.Papers.LongCountAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{engine}: {committed:N0} papers committed when killed");
        Assert.InRange(committed, Math.Max(before, 1), papers - 1);

        var (again, rerun, _) = await PaperboyProcess.RunAsync([.. killed.CliArgs, "import", format, path], TimeSpan.FromMinutes(10));

        Assert.Equal(0, again);
        var imported = papers - committed;
        Assert.Contains($"read {records:N0}, imported {imported:N0}, updated 0, unchanged {records - imported:N0}, rejected 0", rerun);
        Assert.Equal(await Imports.ContentAsync(whole), await Imports.ContentAsync(killed));
    }
}
