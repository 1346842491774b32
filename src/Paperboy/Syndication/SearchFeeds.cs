using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Search;

namespace Paperboy.Syndication;

/// <summary>The feeds the search index answers: a saved search, and an author's papers.</summary>
public static class SearchFeeds
{
    /// <summary>Longest author name an author feed takes; arXiv's longest are well under it.</summary>
    public const int MaxAuthor = 200;

    // Hits are asked for with this many to spare: a paper a moderator hid is dropped after the search, and should
    // not leave the feed short.
    private const int HiddenSlack = 10;

    /// <summary>
    /// <c>/feeds/search.atom?q=&amp;mode=</c>: the first results of the search page for the same query and mode, in
    /// its order (best match first; newest first for a query of filters alone, such as <c>category:cs.CL has:code</c>).
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SearchAsync([FromQuery] string? q,
        [FromQuery] string? mode, [AsParameters] FeedArgs args, SearchService search, AppDbContext db, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        var query = q?.Trim() ?? "";
        if (query.Length == 0) return FeedProblems.BadRequest("q (the query) is required, as on /search.");
        if (mode is not null && mode.ToLowerInvariant() is not ("hybrid" or "keyword" or "vector"))
            return FeedProblems.BadRequest($"mode must be hybrid, keyword or vector, not '{mode}'.");
        var searchMode = SearchModel.ParseMode(mode);
        var papers = await FindAsync(search, db, query, searchMode, limit, ct);
        var link = FeedLinks.Search(query, searchMode);
        return args.Write(format, new PaperFeed(link, $"Research papers matching “{query}”, as the search page finds them.",
            SearchModel.ResultsUrl(query, searchMode), papers));
    }

    /// <summary>
    /// <c>/feeds/authors/Geoffrey%20Hinton.atom</c>: papers with an author of that name, newest first. It is the
    /// search <c>author:"NAME"</c> (case and accents ignored; the words of the name in order, so "Hinton" alone is
    /// every Hinton), which the full-text index answers from one term's postings at any number of papers.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AuthorAsync(string name,
        [AsParameters] FeedArgs args, SearchService search, AppDbContext db, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        var author = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (!author.Any(char.IsLetterOrDigit) || author.Length > MaxAuthor || author.Contains('"') || author.Any(char.IsControl))
            return FeedProblems.BadRequest($"An author feed needs a name of up to {MaxAuthor} characters without quote marks, like /feeds/authors/Ada%20Lovelace.atom.");
        var query = $"author:\"{author}\"";
        var papers = await FindAsync(search, db, query, SearchMode.Keyword, limit, ct);
        return args.Write(format, new PaperFeed(FeedLinks.Author(author), $"Research papers by {author}, newest first.",
            SearchModel.ResultsUrl(query, SearchMode.Hybrid), papers));
    }

    private static async Task<IReadOnlyList<PaperView>> FindAsync(SearchService search, AppDbContext db, string query, SearchMode mode,
        int limit, CancellationToken ct)
    {
        var results = search.Search(query, mode, Math.Min(limit + HiddenSlack, SearchService.Depth), countTotal: false);
        var papers = await PaperCards.LoadAsync(db, results.Hits.Select(h => h.PaperId).ToList(), ct);
        return papers.Take(limit).ToList();
    }
}
