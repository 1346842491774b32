using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Keyword;

namespace Paperboy.Digests;

/// <summary>
/// The papers published in a period (by UTC publication day, as the search index files them) that no moderator hid,
/// read in one query: looked up by category, archive and author, and searched in a keyword index of their own.
/// </summary>
/// <remarks>
/// <para>A period holds a few hundred to a few thousand papers, and a run asks for tens of thousands of distinct
/// categories, authors and saved searches. Against the site's index, each would be a search of a million papers
/// narrowed to the period, several milliseconds each whatever the filter (per-segment term lookups and passes); here
/// a category or an author is a dictionary read and a saved search a search of the period's papers alone.</para>
/// <para>Matching is the site search's: a category is matched exactly, a name without a dot is a whole archive
/// (<c>cs</c>), an author is a whole name, case and accents aside (the index's exact-author field), and a saved search
/// goes through the same analysis, query syntax and BM25 scoring, so it finds what the search page would find among
/// the period's papers. Its ranking weighs words by their rarity among those papers rather than in the whole corpus.</para>
/// </remarks>
internal sealed class DigestPeriodPapers : IDisposable
{
    private readonly Dictionary<long, DigestPaper> _visible = [];
    private readonly Dictionary<string, List<DigestPaper>> _byCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DigestPaper>> _byAuthor = new(StringComparer.Ordinal);
    private readonly KeywordIndex _words = KeywordIndex.InMemory();

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
            select new
            {
                p.Id, p.ArxivId, p.Title, p.Abstract, p.Authors, p.Categories, p.PublishedAt, p.GithubRepo,
                Upvotes = e == null ? 0 : e.Upvotes + e.LocalUpvotes,
            }).ToListAsync(ct);
        var papers = new DigestPeriodPapers();
        try
        {
            foreach (var r in rows)
            {
                var paper = DigestPapers.From(r.ArxivId, r.Title, r.Authors, r.Abstract, r.Upvotes, origin);
                papers._visible[r.Id] = paper;
                foreach (var key in r.Categories.SelectMany(c => new[] { c, KeywordFields.Archive(c) }).Select(c => c.ToLowerInvariant()).Distinct())
                    Add(papers._byCategory, key, paper);
                foreach (var key in r.Authors.Select(KeywordFields.AuthorKeyOf).Distinct())
                    Add(papers._byAuthor, key, paper);
            }
            papers._words.Upsert(rows.Select(r => new SearchDocument(r.Id, r.ArxivId, r.Title, r.Abstract, r.Authors, r.Categories,
                r.PublishedAt, !string.IsNullOrEmpty(r.GithubRepo), 0)).ToList());
            papers._words.Commit(0);
            return papers;
        }
        catch
        {
            papers.Dispose();
            throw;
        }
    }

    /// <summary>Newest first, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<DigestPaper> InCategory(string category, int take) => Take(_byCategory, category.ToLowerInvariant(), take);

    public IReadOnlyList<DigestPaper> ByAuthor(string name, int take) => Take(_byAuthor, KeywordFields.AuthorKeyOf(name), take);

    /// <summary>
    /// A saved search, best match first (newest first when it is filters only); nothing for one that asks for nothing
    /// (punctuation alone would match every paper).
    /// </summary>
    public IReadOnlyList<DigestPaper> Search(string text, int take)
    {
        var query = SearchQuery.Parse(text);
        if (query.IsEmpty) return [];
        return _words.Search(query, take).Hits.Select(h => _visible.GetValueOrDefault(h.PaperId)).OfType<DigestPaper>().ToList();
    }

    public void Dispose() => _words.Dispose();

    private static IReadOnlyList<DigestPaper> Take(Dictionary<string, List<DigestPaper>> map, string key, int take) =>
        map.TryGetValue(key, out var list) ? list.Take(take).ToList() : [];

    private static void Add(Dictionary<string, List<DigestPaper>> map, string key, DigestPaper paper)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(paper);
    }
}
