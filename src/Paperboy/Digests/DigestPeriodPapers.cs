using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Search.Keyword;

namespace Paperboy.Digests;

/// <summary>
/// The papers published in a period (by UTC publication day, as the search index files them) that no moderator hid,
/// read in one query, with lookups by category, archive and author: what category and author alerts answer from.
/// </summary>
/// <remarks>
/// A period holds a few hundred to a few thousand papers, while a run asks for tens of thousands of distinct
/// categories and authors: looking each up here costs a dictionary read, where a filtered search of a million-paper
/// index costs a millisecond or more. The matching is the index's own: a category is matched exactly, a name without
/// a dot is a whole archive (<c>cs</c>), and an author is a whole name, case and accents aside (its exact-author field).
/// </remarks>
internal sealed class DigestPeriodPapers
{
    private readonly Dictionary<long, DigestPaper> _visible = [];
    private readonly Dictionary<string, List<DigestPaper>> _byCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DigestPaper>> _byAuthor = new(StringComparer.Ordinal);

    public static async Task<DigestPeriodPapers> LoadAsync(AppDbContext db, DigestPeriod period, string origin, CancellationToken ct)
    {
        var start = period.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = period.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await (
            from p in db.Papers.AsNoTracking()
            where p.PublishedAt >= start && p.PublishedAt < until
            join e in db.DailyEntries.AsNoTracking() on p.Id equals e.PaperId into entries
            from e in entries.DefaultIfEmpty()
            where e == null || e.HiddenAt == null
            orderby p.PublishedAt descending, p.Id descending
            select new { p.Id, p.ArxivId, p.Title, p.Abstract, p.Authors, p.Categories, Upvotes = e == null ? 0 : e.Upvotes + e.LocalUpvotes })
            .ToListAsync(ct);
        var papers = new DigestPeriodPapers();
        foreach (var r in rows)
        {
            var paper = DigestPapers.From(r.ArxivId, r.Title, r.Authors, r.Abstract, r.Upvotes, origin);
            papers._visible[r.Id] = paper;
            foreach (var key in r.Categories.SelectMany(c => new[] { c, KeywordFields.Archive(c) }).Select(c => c.ToLowerInvariant()).Distinct())
                Add(papers._byCategory, key, paper);
            foreach (var key in r.Authors.Select(KeywordFields.AuthorKeyOf).Distinct())
                Add(papers._byAuthor, key, paper);
        }
        return papers;
    }

    public int Count => _visible.Count;

    /// <summary>The paper, when it was published in the period and is not hidden.</summary>
    public DigestPaper? Visible(long paperId) => _visible.GetValueOrDefault(paperId);

    /// <summary>Newest first, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<DigestPaper> InCategory(string category, int take) => Take(_byCategory, category.ToLowerInvariant(), take);

    public IReadOnlyList<DigestPaper> ByAuthor(string name, int take) => Take(_byAuthor, KeywordFields.AuthorKeyOf(name), take);

    private static IReadOnlyList<DigestPaper> Take(Dictionary<string, List<DigestPaper>> map, string key, int take) =>
        map.TryGetValue(key, out var list) ? list.Take(take).ToList() : [];

    private static void Add(Dictionary<string, List<DigestPaper>> map, string key, DigestPaper paper)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(paper);
    }
}
