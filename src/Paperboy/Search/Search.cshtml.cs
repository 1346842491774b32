using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Search.Indexing;
using Paperboy.Syndication;

namespace Paperboy.Search;

/// <summary>
/// <c>/search?q=&amp;mode=hybrid|keyword|vector&amp;p=</c>: results with their matches marked, and counts by category
/// and year that narrow the query. An arXiv id or an arXiv link goes straight to the paper.
/// </summary>
public sealed class SearchModel(AppDbContext db, SearchService search, SearchIndexes indexes) : PageModel
{
    public const int PageSize = 20;
    /// <summary>Pages beyond the fused lists' depth would be empty.</summary>
    public const int MaxPages = SearchService.Depth / PageSize;

    public string Query { get; private set; } = "";
    public SearchMode Mode { get; private set; } = SearchMode.Hybrid;
    public int PageNumber { get; private set; }
    public SearchResults? Results { get; private set; }
    public List<PaperView> Papers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? q, [FromQuery] string? mode, [FromQuery] int p, CancellationToken ct)
    {
        Query = (q ?? "").Trim();
        Mode = ParseMode(mode);
        PageNumber = Math.Clamp(p, 0, MaxPages - 1);
        ViewData["Title"] = Query.Length > 0 ? Query : "Search";
        if (await PaperLinkAsync(Query, ct) is { } id) return Redirect(PaperLinks.Page(id));
        if (Query.Length == 0) return Page();

        Results = search.Search(Query, Mode, PageSize, PageNumber * PageSize, facets: true);
        ViewData[FeedLinks.ViewDataKey] = Feeds(Query, Mode, Results.Query);
        Papers = await PaperCards.LoadAsync(db, Results.Hits.Select(h => h.PaperId).ToList(), ct);
        if (indexes.KeywordOrNull() is { } words)
            ViewData[SearchHighlights.ViewDataKey] = new SearchHighlights(
                Papers.ToDictionary(v => v.ArxivId, v => words.Highlight(Results.Query, v.Title, v.Abstract)));
        return Page();
    }

    public static SearchMode ParseMode(string? mode) => mode?.ToLowerInvariant() switch
    {
        "keyword" => SearchMode.Keyword,
        "vector" or "semantic" => SearchMode.Vector,
        _ => SearchMode.Hybrid,
    };

    public string SearchUrl(string query, int page = 0, SearchMode? mode = null) => ResultsUrl(query, mode ?? Mode, page);

    /// <summary>The results page of a query in a mode (hybrid, the default, is left out of the address).</summary>
    public static string ResultsUrl(string query, SearchMode mode, int page = 0) =>
        $"/search?q={Uri.EscapeDataString(query)}" + (mode == SearchMode.Hybrid ? "" : $"&mode={mode.ToString().ToLowerInvariant()}")
            + (page > 0 ? $"&p={page}" : "");

    /// <summary>The query's own feed; a query that only names one author offers that author's feed first.</summary>
    private static IReadOnlyList<FeedLink> Feeds(string text, SearchMode mode, SearchQuery query) =>
        query is { Authors.Count: 1, HasText: false, Categories.Count: 0, From: null, To: null, HasCode: false, ArxivIds.Count: 0 }
            && !query.Authors[0].Contains('"')
            ? [FeedLinks.Author(query.Authors[0]), FeedLinks.Search(text, mode)]
            : [FeedLinks.Search(text, mode)];

    /// <summary>The query with one more filter, for a facet's link; a value with a space is quoted.</summary>
    public string Narrowed(string filter, string value) =>
        SearchUrl($"{Query} {filter}:{(value.Contains(' ') ? $"\"{value}\"" : value)}".Trim());

    /// <summary>An arXiv id or abs/pdf link of a paper the site has.</summary>
    private async Task<string?> PaperLinkAsync(string query, CancellationToken ct)
    {
        var asId = query;
        foreach (var prefix in new[] { "https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/", "arxiv.org/abs/" })
            if (asId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) asId = asId[prefix.Length..];
        return ArxivId.TryParse(asId, out var id) && await db.Papers.AnyAsync(x => x.ArxivId == id, ct) ? id : null;
    }
}
