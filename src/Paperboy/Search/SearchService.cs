using Paperboy.Search.Indexing;
using Paperboy.Search.Keyword;

namespace Paperboy.Search;

public enum SearchMode { Hybrid, Keyword, Vector }

/// <summary>One result: the paper, its fused score, and its rank in each list it came from (1-based; null when absent).</summary>
public sealed record SearchHit(long PaperId, string ArxivId, double Score, int? KeywordRank, int? VectorRank);

/// <summary>
/// What a search found. <see cref="Mode"/> is the mode really used: a hybrid or vector search before any
/// vector exists runs on keywords, and <see cref="Notes"/> says so, as it says when the query's syntax was
/// read as plain words.
/// </summary>
public sealed record SearchResults(SearchQuery Query, SearchMode Mode, IReadOnlyList<SearchHit> Hits, long Total,
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

    public SearchResults Search(string text, SearchMode mode, int limit, int offset = 0, bool facets = false)
    {
        var query = SearchQuery.Parse(text);
        var notes = new List<string>(query.Notes);
        var useVectors = mode != SearchMode.Keyword && query.Text.Length > 0;
        if (useVectors && indexes.Vectors.Count == 0)
        {
            notes.Add("Semantic search is not ready yet (no paper has its embedding): these results match words only.");
            useVectors = false;
        }
        var useKeywords = mode != SearchMode.Vector || !useVectors;
        var wanted = Math.Min(offset + limit, Depth);

        KeywordResults? keyword = useKeywords ? indexes.Keyword.Search(query, wanted, 0, facets) : null;
        IReadOnlyList<(long PaperId, string ArxivId)> vector = useVectors ? VectorHits(query, Depth) : [];

        var effective = useVectors && useKeywords ? SearchMode.Hybrid : useVectors ? SearchMode.Vector : SearchMode.Keyword;
        var fused = Fuse(keyword?.Hits.Select(h => (h.PaperId, h.ArxivId)).ToList() ?? [], vector, options.FusionK);
        var total = effective == SearchMode.Keyword ? keyword!.Total : fused.Count;
        return new SearchResults(query, effective, fused.Skip(offset).Take(limit).ToList(), total,
            keyword?.Categories.Select(c => new FacetCount(c.Value, c.Count)).ToList() ?? [],
            keyword?.Years.Select(c => new FacetCount(c.Value, c.Count)).ToList() ?? [],
            notes);
    }

    private IReadOnlyList<(long PaperId, string ArxivId)> VectorHits(SearchQuery query, int depth)
    {
        var vector = indexes.Embedder.EmbedQuery(query.Text);
        // Filters (author, category, dates, code) are the full-text index's: nearest papers are read deeper, then filtered.
        var near = indexes.Vectors.Search(vector, query.HasFilters ? depth * 5 : depth);
        var ids = near.Select(n => n.PaperId).ToList();
        var keep = query.HasFilters ? indexes.Keyword.Filter(query, ids) : null;
        return indexes.Keyword.ArxivIds(ids.Where(id => keep is null || keep.Contains(id)).Take(depth).ToList());
    }

    /// <summary>Reciprocal rank fusion of two ranked lists (either may be empty).</summary>
    public static List<SearchHit> Fuse(IReadOnlyList<(long PaperId, string ArxivId)> keyword,
        IReadOnlyList<(long PaperId, string ArxivId)> vector, int k)
    {
        var hits = new Dictionary<long, SearchHit>();
        for (var i = 0; i < keyword.Count; i++)
            hits[keyword[i].PaperId] = new SearchHit(keyword[i].PaperId, keyword[i].ArxivId, 1.0 / (k + i + 1), i + 1, null);
        for (var i = 0; i < vector.Count; i++)
        {
            var share = 1.0 / (k + i + 1);
            hits[vector[i].PaperId] = hits.TryGetValue(vector[i].PaperId, out var h)
                ? h with { Score = h.Score + share, VectorRank = i + 1 }
                : new SearchHit(vector[i].PaperId, vector[i].ArxivId, share, null, i + 1);
        }
        // Ties (a paper at the same rank in one list each) go to the keyword list's, then to the paper id, so the order is stable.
        return hits.Values.OrderByDescending(h => h.Score).ThenBy(h => h.KeywordRank ?? int.MaxValue).ThenBy(h => h.PaperId).ToList();
    }
}
