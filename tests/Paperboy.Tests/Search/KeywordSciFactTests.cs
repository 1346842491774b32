using System.Text.Json;
using Paperboy.Search.Eval;
using Paperboy.Search.Keyword;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

/// <summary>Search quality on real judgements: SciFact, where BEIR's published BM25 scores 0.665 nDCG@10.</summary>
public class KeywordSciFactTests
{
    [Fact]
    public void SciFactTest_NdcgAtTenIsAtLeastBeirsBm25()
    {
        var set = BeirSet.Load(SharedData.File("retrieval/scifact"), "test");
        using var retriever = KeywordEval.Build(set);

        var (ndcg, recall) = RetrievalMetrics.Evaluate(set, retriever.Retrieve);

        Assert.True(ndcg >= 0.66, $"nDCG@10 {ndcg:F4}");
        Assert.True(recall >= 0.88, $"recall@100 {recall:F4}");
    }

    [Fact]
    public async Task EvalBeir_Json_PrintsTheFiguresOfTheTestSplit()
    {
        var folder = SharedData.File("retrieval/scifact");
        var (code, stdout, stderr) = await PaperboyProcess.RunAsync(["eval", "beir", folder, "--mode", "keyword", "--json"]);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var r = json.RootElement;
        Assert.Equal("scifact", r.GetProperty("dataset").GetString());
        Assert.Equal("test", r.GetProperty("split").GetString());
        Assert.Equal(300, r.GetProperty("queries").GetInt32());
        Assert.Equal(5183, r.GetProperty("documents").GetInt32());
        Assert.InRange(r.GetProperty("ndcg10").GetDouble(), 0.66, 1);
        Assert.InRange(r.GetProperty("recall100").GetDouble(), 0.88, 1);
    }

    [Fact]
    public void KeywordEval_RanksByTheCorpusIds_AndRemovesItsIndexWhenDisposed()
    {
        var set = new BeirSet
        {
            Corpus = [new("d1", "Vitamin D and bone density", "Supplements."), new("d2", "Sleep", "Vitamin D deficiency and sleep quality.")],
            Queries = new Dictionary<string, string> { ["q"] = "vitamin D bone" },
            Judgements = new Dictionary<string, IReadOnlyDictionary<string, int>> { ["q"] = new Dictionary<string, int> { ["d1"] = 1 } },
        };
        var before = Directory.GetDirectories(Path.GetTempPath(), "paperboy-eval-*").ToHashSet();

        var retriever = KeywordEval.Build(set);
        var created = Directory.GetDirectories(Path.GetTempPath(), "paperboy-eval-*").Except(before).ToList();
        Assert.Equal(["d1", "d2"], retriever.Retrieve("vitamin D bone"));
        retriever.Dispose();

        Assert.NotEmpty(created);
        Assert.All(created, d => Assert.False(Directory.Exists(d), d));
    }

    [Fact]
    public async Task EvalBeir_MissingFolder_ExitsWithUsageErrorAndSaysWhy()
    {
        var (code, _, stderr) = await PaperboyProcess.RunAsync(["eval", "beir", "/nonexistent/beir"]);
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/beir: no such folder", stderr);
    }

    [Fact]
    public async Task EvalBeir_FolderWithoutBeirFiles_ExitsWithUsageErrorAndSaysWhy()
    {
        using var empty = new TempFolder();
        var (code, _, stderr) = await PaperboyProcess.RunAsync(["eval", "beir", empty.Path]);
        Assert.Equal(2, code);
        Assert.Contains("is not a BEIR data set", stderr);
        Assert.Contains("corpus.jsonl", stderr);
    }

    [Fact]
    public async Task EvalBeir_UnknownMode_ExitsWithUsageErrorAndListsTheModes()
    {
        using var empty = new TempFolder();
        var (code, _, stderr) = await PaperboyProcess.RunAsync(["eval", "beir", empty.Path, "--mode", "telepathy"]);
        Assert.Equal(2, code);
        Assert.Contains("Unknown mode 'telepathy'; known modes: keyword", stderr);
    }
}
