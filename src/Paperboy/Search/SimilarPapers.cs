using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Search.Indexing;

namespace Paperboy.Search;

/// <summary>A paper shown beside another, and why.</summary>
public sealed record SimilarPaper(PaperView Paper, string Reason);

/// <summary>
/// "Similar papers" for a paper page: its nearest neighbours by embedding, then other papers by its first
/// authors. Either part may be empty (no vectors yet, an author with one paper); nothing is shown twice.
/// </summary>
/// <remarks>
/// Which papers, and why, is kept for a few minutes per paper: a neighbour search reads every vector (tens of
/// milliseconds at a million papers), and a popular paper's page is read far more often than papers change. The
/// cards themselves (titles, counts) are read fresh.
/// </remarks>
public sealed class SimilarPapers(SearchIndexes indexes, AppDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);

    public async Task<List<SimilarPaper>> ForAsync(string arxivId, int take, CancellationToken ct)
    {
        var key = (nameof(SimilarPapers), arxivId, take, indexes.Vectors.Count > 0);
        if (!cache.TryGetValue(key, out List<(long PaperId, string Reason)>? picks))
        {
            picks = await PickAsync(arxivId, take, ct);
            cache.Set(key, picks, Keep);
        }
        var views = await PaperCards.ByIdAsync(db, picks!.Select(p => p.PaperId).ToList(), ct);
        return picks!.Where(p => views.ContainsKey(p.PaperId)).Take(take + 6)
            .Select(p => new SimilarPaper(views[p.PaperId], p.Reason)).ToList();
    }

    private async Task<List<(long PaperId, string Reason)>> PickAsync(string arxivId, int take, CancellationToken ct)
    {
        var paper = await db.Papers.AsNoTracking().Where(p => p.ArxivId == arxivId)
            .Select(p => new { p.Id, p.Authors }).FirstOrDefaultAsync(ct);
        if (paper is null) return [];
        var picks = new List<(long PaperId, string Reason)>();
        var seen = new HashSet<long> { paper.Id };
        foreach (var n in indexes.Vectors.Similar(paper.Id, take))
            if (seen.Add(n.PaperId)) picks.Add((n.PaperId, "Close in content"));
        var words = indexes.KeywordOrNull();
        foreach (var author in words is null ? [] : paper.Authors.Take(3))
        {
            var query = SearchQuery.Parse($"author:\"{author.Replace("\"", "", StringComparison.Ordinal)}\"");
            foreach (var hit in words!.Search(query, 4).Hits)
                if (seen.Add(hit.PaperId)) picks.Add((hit.PaperId, $"Also by {author}"));
        }
        return picks;
    }
}
