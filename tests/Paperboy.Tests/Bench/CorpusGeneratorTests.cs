using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Paperboy.Bench.Corpus;
using Paperboy.Papers;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Bench;

public class CorpusGeneratorTests
{
    private static readonly Lazy<CorpusModel> Builtin = new(BuiltinModel.Create);

    private static async Task<(byte[] Bytes, CorpusSummary Summary)> GenerateAsync(CorpusModel model, long papers, ulong seed = 1, int dailyPerDay = 25)
    {
        using var output = new MemoryStream();
        var summary = await new CorpusWriter(model).WriteAsync(output,
            new CorpusOptions { Papers = papers, Seed = seed, DailyPerDay = dailyPerDay }, TestContext.Current.CancellationToken);
        return (output.ToArray(), summary);
    }

    private static List<JsonElement> ParseLines(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\n", text);
        return text.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task Generate_BuiltinModel_WritesExactCountOfValidPapersWithUniqueIds()
    {
        var (bytes, summary) = await GenerateAsync(Builtin.Value, 3_000);
        var papers = ParseLines(bytes);

        Assert.Equal(3_000, papers.Count);
        var ids = papers.Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.True(ArxivId.TryParse(id, out var canonical) && canonical == id, $"{id} is not a canonical arXiv id"));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var p in papers)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("abstract").GetString()));
            Assert.NotEmpty(p.GetProperty("authors").EnumerateArray());
            Assert.NotEmpty(p.GetProperty("categories").EnumerateArray());
            Assert.True(p.GetProperty("comment").ValueKind is JsonValueKind.Null or JsonValueKind.String);
            var listed = DateOnly.ParseExact(p.GetProperty("listed").GetString()!, "yyyy-MM-dd");
            Assert.InRange(listed, summary.FirstDay, summary.LastDay);
            Assert.NotEqual(DayOfWeek.Saturday, listed.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, listed.DayOfWeek);
            // A paper on the daily feed has both fields, any other neither.
            Assert.Equal(p.TryGetProperty("upvotes", out var up), p.TryGetProperty("submittedBy", out _));
            if (up.ValueKind == JsonValueKind.Number) Assert.True(up.GetInt32() >= 0);
        }
        Assert.Equal(summary.DailyEntries, papers.Count(p => p.TryGetProperty("upvotes", out _)));
        Assert.Equal(summary.Days, papers.Select(p => p.GetProperty("listed").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Generate_DailyPerDay_FeaturesAboutThatManyPapersEachDay()
    {
        var (bytes, summary) = await GenerateAsync(Builtin.Value, 6_000, dailyPerDay: 25);
        var perDay = ParseLines(bytes).Where(p => p.TryGetProperty("upvotes", out _))
            .GroupBy(p => p.GetProperty("listed").GetString()).Select(g => g.Count()).ToList();

        Assert.Equal(summary.Days, perDay.Count);
        Assert.All(perDay, n => Assert.InRange(n, 15, 35));
        var (_, none) = await GenerateAsync(Builtin.Value, 1_000, dailyPerDay: 0);
        Assert.Equal(0, none.DailyEntries);
    }

    [Fact]
    public async Task Generate_SameSeed_GivesSameBytes_OtherSeedDiffers()
    {
        var (a, _) = await GenerateAsync(Builtin.Value, 2_000, seed: 42);
        var (b, _) = await GenerateAsync(Builtin.Value, 2_000, seed: 42);
        var (c, _) = await GenerateAsync(Builtin.Value, 2_000, seed: 43);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Plan_ManyPapers_SplitsExactlyOverWeekdaysWithAFewHundredEach()
    {
        var plan = CorpusPlan.Create(74_728, seed: 7);

        Assert.Equal(74_728, plan.Papers.Sum());
        Assert.All(plan.Days, d => Assert.False(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal(plan.Days.Count, plan.Days.Distinct().Count());
        Assert.InRange(plan.Papers.Average(), 200, 400);
        Assert.Equal(CorpusPlan.LastDay, plan.Days[^1]);
    }

    [Fact]
    public void Ids_OneMillionPapers_AreUniqueValidAndIncreasing()
    {
        var plan = CorpusPlan.Create(1_000_000, seed: 1);
        var ids = new IdAllocator(plan, new Dictionary<int, HashSet<int>>(), seed: 1);
        var seen = new HashSet<(int, int)>();
        (int Yymm, int Number) last = (0, 0);
        for (var d = 0; d < plan.Days.Count; d++)
        {
            foreach (var id in ids.Take(plan.Days[d], plan.Papers[d]))
            {
                Assert.True(id.CompareTo(last) > 0, $"{IdAllocator.Format(id)} does not follow {IdAllocator.Format(last)}");
                Assert.True(seen.Add(id));
                last = id;
            }
        }

        Assert.Equal(1_000_000, seen.Count);
        Assert.All(seen.Take(1000).Concat(seen.TakeLast(1000)), id =>
            Assert.True(ArxivId.TryParse(IdAllocator.Format(id), out var canonical) && canonical == IdAllocator.Format(id)));
    }

    [Fact]
    public void Ids_MostPapersAllowed_FitBelowTheFiveDigitLimitEveryMonth()
    {
        var plan = CorpusPlan.Create(CorpusPlan.MaxPapers, seed: 3);
        var ids = new IdAllocator(plan, new Dictionary<int, HashSet<int>>(), seed: 3);
        var count = 0L;
        (int Yymm, int Number) last = (0, 0);
        for (var d = 0; d < plan.Days.Count; d++)
        {
            foreach (var id in ids.Take(plan.Days[d], plan.Papers[d]))
            {
                Assert.True(id.CompareTo(last) > 0 && id.Number is >= 1 and <= 99_999);
                last = id;
                count++;
            }
        }

        Assert.Equal(CorpusPlan.MaxPapers, count);
    }

    [Fact]
    public async Task Learn_FromRealListings_GeneratesPapersThatAvoidTheirIds()
    {
        var listing = SharedData.File("arxiv/daily-arxiv-74k.jsonl.gz");
        // A slice keeps the test quick; the generator learns from the whole file the same way.
        var sample = Path.Combine(Directory.CreateTempSubdirectory("paperboy-corpus-").FullName, "sample.jsonl");
        await using (var gz = new GZipStream(File.OpenRead(listing), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        await using (var writer = new StreamWriter(sample))
        {
            for (var i = 0; i < 3_000 && await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line; i++)
                await writer.WriteLineAsync(line);
        }
        var realIds = File.ReadLines(sample).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToHashSet();
        var model = ModelLearner.Learn(sample);

        var (bytes, _) = await GenerateAsync(model, 20_000);
        var papers = ParseLines(bytes);

        Assert.Equal(20_000, papers.Count);
        var ids = papers.Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(ids, realIds.Contains);
        // Both corpora have ids in March 2025, so avoiding the real ones was actually exercised.
        Assert.Contains(ids, id => id.StartsWith("2503.", StringComparison.Ordinal));
        Assert.Contains(realIds, id => id!.StartsWith("2503.", StringComparison.Ordinal));
        // Learned vocabulary: real category lists, multi-word names, abstracts of realistic length.
        Assert.Contains(papers, p => p.GetProperty("categories").EnumerateArray().Any(c => c.GetString() == "cs.CV"));
        Assert.InRange(papers.Average(p => p.GetProperty("abstract").GetString()!.Split(' ', '\n').Length), 120, 260);
        Directory.Delete(Path.GetDirectoryName(sample)!, recursive: true);
    }

    [Fact]
    public async Task Cli_GzipOutput_WritesTheSameCorpusCompressed()
    {
        var dir = Directory.CreateTempSubdirectory("paperboy-corpus-").FullName;
        try
        {
            var gz = Path.Combine(dir, "c.jsonl.gz");
            var (code, stderr) = await RunBenchAsync("corpus", "--papers", "500", "--seed", "9", "--out", gz, "--builtin");

            Assert.True(code == 0, stderr);
            Assert.Contains("wrote 500 papers", stderr);
            await using var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            await input.CopyToAsync(decompressed, TestContext.Current.CancellationToken);
            var (expected, _) = await GenerateAsync(Builtin.Value, 500, seed: 9);
            Assert.Equal(expected, decompressed.ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Cli_NoPapers_FailsWithUsageError()
    {
        var (code, stderr) = await RunBenchAsync("corpus", "--papers", "0", "--out", "-", "--builtin");

        Assert.NotEqual(0, code);
        Assert.Contains("--papers", stderr);
    }

    private static async Task<(int Code, string Stderr)> RunBenchAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Paperboy.Bench.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await stdout;
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (p.ExitCode, stderr);
    }
}
