using Microsoft.EntityFrameworkCore;
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
public sealed class SimilarPapers(SearchIndexes indexes, AppDbContext db)
{
    public async Task<List<SimilarPaper>> ForAsync(string arxivId, int take, CancellationToken ct)
    {
        var paper = await db.Papers.AsNoTracking().Where(p => p.ArxivId == arxivId)
            .Select(p => new { p.Id, p.Authors }).FirstOrDefaultAsync(ct);
        if (paper is null) return [];
        var picks = new List<(long PaperId, string Reason)>();
        var seen = new HashSet<long> { paper.Id };
        foreach (var n in indexes.Vectors.Similar(paper.Id, take))
            if (seen.Add(n.PaperId)) picks.Add((n.PaperId, "Close in content"));
        foreach (var author in paper.Authors.Take(3))
        {
            var query = SearchQuery.Parse($"author:\"{author.Replace("\"", "", StringComparison.Ordinal)}\"");
            foreach (var hit in indexes.Keyword.Search(query, 4).Hits)
                if (seen.Add(hit.PaperId)) picks.Add((hit.PaperId, $"Also by {author}"));
        }
        var views = await PaperCards.ByIdAsync(db, picks.Select(p => p.PaperId).ToList(), ct);
        return picks.Where(p => views.ContainsKey(p.PaperId)).Take(take + 6)
            .Select(p => new SimilarPaper(views[p.PaperId], p.Reason)).ToList();
    }
}
