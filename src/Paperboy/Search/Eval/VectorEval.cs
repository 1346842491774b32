using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;

namespace Paperboy.Search.Eval;

/// <summary>
/// The vector and hybrid engines on a BEIR corpus. Embedding a corpus takes minutes on two cores, so its vectors
/// are kept in the temporary folder, keyed by model and corpus content, and reused by the next evaluation.
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
        var cache = Path.Combine(Path.GetTempPath(), "paperboy-eval", $"{embedder.Name}-{CorpusKey(set)}.f32");
        float[][] vectors;
        if (File.Exists(cache) && new FileInfo(cache).Length == (long)set.Corpus.Count * embedder.Dimensions * sizeof(float))
        {
            var all = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(cache)).ToArray();
            vectors = Enumerable.Range(0, set.Corpus.Count).Select(i => all.AsSpan(i * embedder.Dimensions, embedder.Dimensions).ToArray()).ToArray();
        }
        else
        {
            vectors = embedder.EmbedDocuments(set.Corpus.Select(d => (d.Title, d.Text)).ToList());
            Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
            var temp = cache + ".tmp";
            File.WriteAllBytes(temp, MemoryMarshal.AsBytes(vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray());
            File.Move(temp, cache, overwrite: true);
        }
        var index = new VectorIndex(embedder.Dimensions);
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        return (embedder, index);
    }

    private static string CorpusKey(BeirSet set)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in set.Corpus) sha.AppendData(Encoding.UTF8.GetBytes($"{d.Id}\u0001{d.Title}\u0001{d.Text}\u0002"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
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
