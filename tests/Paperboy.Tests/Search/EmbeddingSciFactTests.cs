using Paperboy.Search.Embeddings;
using Paperboy.Search.Eval;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

[Collection(nameof(EmbeddingModelsCollection))]
public class EmbeddingSciFactTests
{
    /// <summary>
    /// Vector search with the default model on SciFact's 300 test claims. The whole corpus (5,183 abstracts)
    /// takes five minutes to embed on two cores, so the test embeds a fixed subset: every document judged for a
    /// test claim plus every tenth document (764 in all), about a minute. Fewer distractors make the task
    /// easier than the real one: this subset measures nDCG@10 0.807 and recall@100 0.977, where the full corpus
    /// gives 0.645 and 0.901 (bench/embed.sh, bench/results/2026-11-27-embeddings.md). The bars sit just
    /// below the subset's figures, so a real loss of quality fails the test.
    /// </summary>
    [Fact]
    public void DefaultModel_SciFactTestSubset_NdcgAt10AboveBar()
    {
        var set = BeirSet.Load(SharedData.File("retrieval/scifact"), "test");
        var judged = set.Judgements.Values.SelectMany(j => j.Keys).ToHashSet();
        var corpus = set.Corpus.Where((d, i) => judged.Contains(d.Id) || i % 10 == 0).ToList();
        var embedder = EmbeddingModels.Get(EmbeddingModels.Default);

        var vectors = embedder.EmbedDocuments(corpus.Select(d => (d.Title, d.Text)).ToList());
        using var index = new VectorIndex();
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        var (ndcg, recall) = RetrievalMetrics.Evaluate(set, q => index.Search(embedder.EmbedQuery(q), 100).Select(h => corpus[(int)h.PaperId].Id).ToList());

        TestContext.Current.TestOutputHelper?.WriteLine($"SciFact test subset ({corpus.Count} documents): nDCG@10 {ndcg:F4}, recall@100 {recall:F4}");
        Assert.Equal(764, corpus.Count);
        Assert.True(ndcg >= 0.78, $"nDCG@10 {ndcg:F4} on {corpus.Count} documents");
        Assert.True(recall >= 0.95, $"recall@100 {recall:F4}");
    }
}
