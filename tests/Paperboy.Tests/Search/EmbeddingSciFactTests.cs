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
    /// test claim plus every tenth other one (about 800). Fewer distractors make the task easier than the real
    /// one, hence a bar above the full-corpus figure, which bench/embed.sh measures (0.64 and up; see
    /// bench/results/2026-11-27-embeddings.md).
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
        Assert.True(ndcg >= 0.70, $"nDCG@10 {ndcg:F4} on {corpus.Count} documents");
        Assert.True(recall >= 0.90, $"recall@100 {recall:F4}");
    }
}
