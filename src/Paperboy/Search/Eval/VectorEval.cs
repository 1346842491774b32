using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;

namespace Paperboy.Search.Eval;

/// <summary>
/// The vector and hybrid engines on a BEIR corpus, its vectors from <see cref="EmbeddingCache"/>.
/// </summary>
public static class VectorEval
{
    public const int Depth = 100;

    public static EvalRetriever BuildVector(BeirSet set, string model)
    {
        var (embedder, index) = Embed(set, model);
        return new EvalRetriever(q => Ids(set, index.Search(embedder.EmbedQuery(q), Depth).Select(h => h.PaperId)), index);
    }

    /// <summary>Keyword and vector rankings fused as the site fuses them (<see cref="SearchService.Fuse"/>).</summary>
    public static EvalRetriever BuildHybrid(BeirSet set, string model, int fusionK)
    {
        var (embedder, vectors) = Embed(set, model);
        var keyword = KeywordEval.BuildIndex(set);
        return new EvalRetriever(q =>
        {
            var words = keyword.Index.Search(SearchQuery.Parse(q), Depth).Hits.Select(h => h.PaperId).ToList();
            var near = vectors.Search(embedder.EmbedQuery(q), Depth).Select(h => h.PaperId).ToList();
            return Ids(set, SearchService.Fuse(words, near, fusionK).Take(Depth).Select(h => h.PaperId));
        }, new Both(vectors, keyword));
    }

    private static List<string> Ids(BeirSet set, IEnumerable<long> positions) => positions.Select(p => set.Corpus[(int)p].Id).ToList();

    private static (ITextEmbedder, VectorIndex) Embed(BeirSet set, string model)
    {
        var embedder = EmbeddingModels.Get(model);
        var vectors = EmbeddingCache.Embed(embedder, set.Corpus.Select(d => (d.Title, d.Text)).ToList());
        var index = new VectorIndex(embedder.Dimensions);
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        return (embedder, index);
    }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose()
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
