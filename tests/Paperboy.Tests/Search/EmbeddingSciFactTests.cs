using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;
using Paperboy.Search.Eval;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

[Collection(nameof(EmbeddingModelsCollection))]
public class EmbeddingSciFactTests
{
    /// <summary>
    /// Vector, keyword and hybrid search with the default model and the site's fusion on SciFact's 300 test claims.
    /// The whole corpus (5,183 abstracts) takes five minutes to embed on two cores, so the test embeds a fixed
    /// subset: every document judged for a test claim plus every tenth document (764 in all), about a minute.
    /// Fewer distractors make the task easier than the real one: on this subset vectors measure nDCG@10 0.807,
    /// words 0.818 and the fusion 0.851, where the full corpus gives 0.645, 0.675 and 0.708
    /// (bench/results/2026-11-27-search-quality.md). The bars sit just below the subset's figures, so a real
    /// loss of quality fails the test, and the fusion must beat both lists it fuses.
    /// </summary>
    [Fact]
    public void DefaultModel_SciFactTestSubset_HybridBeatsWordsAndVectors()
    {
        var full = BeirSet.Load(SharedData.File("retrieval/scifact"), "test");
        var judged = full.Judgements.Values.SelectMany(j => j.Keys).ToHashSet();
        var set = new BeirSet
        {
            Corpus = full.Corpus.Where((d, i) => judged.Contains(d.Id) || i % 10 == 0).ToList(),
            Queries = full.Queries,
            Judgements = full.Judgements,
        };
        var embedder = EmbeddingModels.Get(EmbeddingModels.Default);
        var vectors = embedder.EmbedDocuments(set.Corpus.Select(d => (d.Title, d.Text)).ToList());
        using var index = new VectorIndex();
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        using var keyword = KeywordEval.BuildIndex(set);
        List<long> Near(string q) => index.Search(embedder.EmbedQuery(q), 100).Select(h => h.PaperId).ToList();
        List<long> Words(string q) => keyword.Index.Search(SearchQuery.Parse(q), 100).Hits.Select(h => h.PaperId).ToList();
        List<string> Ids(IEnumerable<long> positions) => positions.Select(p => set.Corpus[(int)p].Id).ToList();

        var vector = RetrievalMetrics.Evaluate(set, q => Ids(Near(q)));
        var words = RetrievalMetrics.Evaluate(set, q => Ids(Words(q)));
        var hybrid = RetrievalMetrics.Evaluate(set, q =>
            Ids(SearchService.Fuse(Words(q), Near(q), new SearchOptions().FusionK).Take(100).Select(h => h.PaperId)));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SciFact test subset ({set.Corpus.Count} documents), nDCG@10 / recall@100: vector {vector.Ndcg10:F4} / {vector.Recall100:F4}, " +
            $"keyword {words.Ndcg10:F4} / {words.Recall100:F4}, hybrid {hybrid.Ndcg10:F4} / {hybrid.Recall100:F4}");
        Assert.Equal(764, set.Corpus.Count);
        Assert.True(vector.Ndcg10 >= 0.78, $"vector nDCG@10 {vector.Ndcg10:F4}");
        Assert.True(vector.Recall100 >= 0.95, $"vector recall@100 {vector.Recall100:F4}");
        Assert.True(hybrid.Ndcg10 >= 0.83, $"hybrid nDCG@10 {hybrid.Ndcg10:F4}");
        Assert.True(hybrid.Ndcg10 > Math.Max(vector.Ndcg10, words.Ndcg10), $"hybrid {hybrid.Ndcg10:F4}, vector {vector.Ndcg10:F4}, keyword {words.Ndcg10:F4}");
    }
}
