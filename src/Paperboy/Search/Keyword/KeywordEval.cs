using Paperboy.Search.Eval;

namespace Paperboy.Search.Keyword;

/// <summary>The keyword engine on a BEIR corpus: a throwaway index in a temporary folder, removed on dispose.</summary>
public static class KeywordEval
{
    /// <summary>Depth of each ranking: what recall@100 needs.</summary>
    public const int Depth = 100;

    public static EvalRetriever Build(BeirSet set, KeywordIndexOptions? options = null)
    {
        var built = BuildIndex(set, options);
        return new EvalRetriever(
            query => built.Index.Search(SearchQuery.Parse(query), Depth).Hits.Select(h => set.Corpus[(int)h.PaperId].Id).ToList(),
            built);
    }

    /// <summary>
    /// The corpus in a throwaway index; a BEIR document has no paper id, so its position in the corpus stands in
    /// for one. Disposing it deletes the folder.
    /// </summary>
    public static TemporaryIndex BuildIndex(BeirSet set, KeywordIndexOptions? options = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"paperboy-eval-{Guid.NewGuid():N}");
        var built = new TemporaryIndex(new KeywordIndex(folder, options), folder);
        try
        {
            built.Index.Upsert(set.Corpus.Select((d, i) => new SearchDocument(i, "", d.Title, d.Text, [], [], null, false, 0)).ToList());
            return built;
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    public sealed class TemporaryIndex(KeywordIndex index, string folder) : IDisposable
    {
        public KeywordIndex Index => index;

        public void Dispose()
        {
            index.Dispose();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
