using Paperboy.Search.Indexing;
using Paperboy.Search.Keyword;

namespace Paperboy.Search;

public enum SearchMode { Hybrid, Keyword, Vector }

/// <summary>One result: the paper, its fused score, and its rank in each list it came from (1-based; null when absent).</summary>
public sealed record SearchHit(long PaperId, double Score, int? KeywordRank, int? VectorRank);

/// <summary>
/// What a search found. <see cref="Mode"/> is the mode really used: a hybrid or vector search before any
/// vector exists runs on keywords, and <see cref="Notes"/> says so, as it says when the query's syntax was
/// read as plain words. <see cref="Total"/> is null when the search was asked not to count and did not.
/// </summary>
public sealed record SearchResults(SearchQuery Query, SearchMode Mode, IReadOnlyList<SearchHit> Hits, long? Total,
    IReadOnlyList<FacetCount> Categories, IReadOnlyList<FacetCount> Years, IReadOnlyList<string> Notes);

/// <summary>A facet value and how many results have it.</summary>
public sealed record FacetCount(string Value, long Count);

/// <summary>
/// Keyword, vector and hybrid search over this node's indexes. Hybrid fuses the two ranked lists by reciprocal
/// rank fusion: each list gives a paper 1 / (k + rank), so a paper near the top of both beats one at the top of
/// one, and neither list's score scale matters.
/// </summary>
public sealed class SearchService(SearchIndexes indexes, SearchOptions options)
{
    /// <summary>How deep each list is read before fusing: results past it are not worth showing.</summary>
    public const int Depth = 200;

    /// <param name="countTotal">
    /// False when the caller shows no number of results (the JSON API, feeds, exports): a keyword search then skips
    /// the matches that cannot make the page, and <see cref="SearchResults.Total"/> may be null.
    /// </param>
    public SearchResults Search(string text, SearchMode mode, int limit, int offset = 0, bool facets = false, bool countTotal = true)
    {
        var query = SearchQuery.Parse(text);
        var notes = new List<string>(query.Notes);
        var words = indexes.KeywordOrNull();
        if (words is null)
        {
            notes.Add("The search index is being rebuilt by another process: try again in a minute.");
            return new SearchResults(query, mode, [], 0, [], [], notes);
        }
        var useVectors = mode != SearchMode.Keyword && query.Text.Length > 0;
        if (useVectors && indexes.Vectors.Count == 0)
        {
            notes.Add("Semantic search is not ready yet (no paper has its embedding): these results match words only.");
            useVectors = false;
        }
        var useKeywords = mode != SearchMode.Vector || !useVectors;
        var wanted = Math.Min(offset + limit, Depth);

        // The two lists are independent: the query's embedding and the vector scan run beside the keyword search.
        var near = useVectors ? Task.Run(() => VectorHits(words, query, Depth)) : null;
        // Only a keyword-only search reports the keyword matches' number; a fused one counts its fused list.
        var keyword = useKeywords ? words.Search(query, wanted, 0, facets, exactTotal: countTotal && !useVectors) : null;
        IReadOnlyList<long> vector = near is null ? [] : near.GetAwaiter().GetResult();

        var effective = useVectors && useKeywords ? SearchMode.Hybrid : useVectors ? SearchMode.Vector : SearchMode.Keyword;
        var fused = Fuse(keyword?.Hits.Select(h => h.PaperId).ToList() ?? [], vector, options.FusionK);
        long? total = effective == SearchMode.Keyword ? keyword!.TotalHits : fused.Count;
        return new SearchResults(query, effective, fused.Skip(offset).Take(limit).ToList(), total,
            keyword?.Facets?.Categories.Select(c => new FacetCount(c.Category, c.Count)).ToList() ?? [],
            keyword?.Facets?.Years.Select(y => new FacetCount(y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), y.Count)).ToList() ?? [],
            notes);
    }

    private List<long> VectorHits(KeywordIndex words, SearchQuery query, int depth)
    {
        var vector = indexes.Embedder.EmbedQuery(query.Text);
        // Filters (author, category, dates, code) live in the full-text index: the nearest papers are read deeper, then narrowed.
        var near = indexes.Vectors.Search(vector, query.HasFilters ? depth * 5 : depth).Select(n => n.PaperId).ToList();
        if (!query.HasFilters) return near;
        var passing = words.PassingFilters(query, near);
        return near.Where(passing.Contains).Take(depth).ToList();
    }

    /// <summary>Reciprocal rank fusion of two ranked lists of paper ids (either may be empty).</summary>
    public static List<SearchHit> Fuse(IReadOnlyList<long> keyword, IReadOnlyList<long> vector, int k)
    {
        var hits = new Dictionary<long, SearchHit>();
        for (var i = 0; i < keyword.Count; i++)
            hits.TryAdd(keyword[i], new SearchHit(keyword[i], 1.0 / (k + i + 1), i + 1, null));
        for (var i = 0; i < vector.Count; i++)
        {
            var share = 1.0 / (k + i + 1);
            if (hits.TryGetValue(vector[i], out var h))
            {
                if (h.VectorRank is null) hits[vector[i]] = h with { Score = h.Score + share, VectorRank = i + 1 };
            }
            else hits[vector[i]] = new SearchHit(vector[i], share, null, i + 1);
        }
        // Ties (a paper at the same rank in one list each) go to the keyword list's, then to the paper id, so the order is stable.
        return hits.Values.OrderByDescending(h => h.Score).ThenBy(h => h.KeywordRank ?? int.MaxValue).ThenBy(h => h.PaperId).ToList();
    }
}
