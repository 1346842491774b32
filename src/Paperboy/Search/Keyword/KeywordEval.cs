using Paperboy.Search.Eval;

namespace Paperboy.Search.Keyword;

/// <summary>The keyword engine on a BEIR corpus: a throwaway index in a temporary folder, removed on dispose.</summary>
public static class KeywordEval
{
    /// <summary>Depth of each ranking: what recall@100 needs.</summary>
    public const int Depth = 100;

    public static EvalRetriever Build(BeirSet set, KeywordIndexOptions? options = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"paperboy-eval-{Guid.NewGuid():N}");
        var index = new KeywordIndex(folder, options);
        var built = new TemporaryIndex(index, folder);
        try
        {
            // A BEIR document has no paper id: its position in the corpus stands in for one.
            index.Upsert(set.Corpus.Select((d, i) => new SearchDocument(i, "", d.Title, d.Text, [], [], null, false, 0)).ToList());
            return new EvalRetriever(
                query => index.Search(SearchQuery.Parse(query), Depth).Hits.Select(h => set.Corpus[(int)h.PaperId].Id).ToList(),
                built);
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    private sealed class TemporaryIndex(KeywordIndex index, string folder) : IDisposable
    {
        public void Dispose()
        {
            index.Dispose();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
