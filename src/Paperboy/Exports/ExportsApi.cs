using System.Text;
using Paperboy.Community.Collections;
using Paperboy.Community.Profiles;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Search;
using Paperboy.Web;

namespace Paperboy.Exports;

/// <summary>
/// Exports at the address of what they export, with the format's extension: a paper as BibTeX, RIS or Markdown
/// (<c>/papers/{id}.bib|.ris|.md</c>), a public collection and a search's results as BibTeX or RIS
/// (<c>/collections/{user}/{slug}.bib</c>, <c>/search.bib?q=</c>). Lists leave out papers a moderator hid, as every
/// list does; a hidden paper, a private collection and an unknown one are all the same 404, so none leaks.
/// </summary>
public static class ExportsApi
{
    /// <summary>How many results a search export holds at most, and by default.</summary>
    public const int MaxSearchResults = 100;

    private const string Text = "text/plain; charset=utf-8";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        string[] get = [HttpMethods.Get, HttpMethods.Head];
        foreach (var format in ExportFormat.Papers)
        {
            // "{id}.bib" is a segment with a literal end: routing ranks it above the paper page's catch-all
            // (/papers/{**id}), and it never matches a page address such as /papers/2401.00001, whose dot is the id's.
            // Old-style ids hold a slash (hep-th/9901001), hence the second route.
            app.MapMethods($"/papers/{{id}}.{format.Extension}", get,
                (string id, AppDbContext db, SiteOptions site, HttpRequest request, CancellationToken ct) =>
                    PaperAsync(id, format, db, site, request, ct));
            app.MapMethods($"/papers/{{archive}}/{{number}}.{format.Extension}", get,
                (string archive, string number, AppDbContext db, SiteOptions site, HttpRequest request, CancellationToken ct) =>
                    PaperAsync($"{archive}/{number}", format, db, site, request, ct));
        }
        foreach (var format in ExportFormat.Lists)
        {
            app.MapMethods($"/collections/{{user}}/{{slug}}.{format.Extension}", get,
                (string user, string slug, AppDbContext db, CollectionService collections, CancellationToken ct) =>
                    CollectionAsync(user, slug, format, db, collections, ct));
            app.MapMethods($"/search.{format.Extension}", get,
                (string? q, string? mode, string? limit, SearchService search, AppDbContext db, CancellationToken ct) =>
                    SearchAsync(q, mode, limit, format, search, db, ct));
        }
        return app;
    }

    private static async Task<IResult> PaperAsync(string asked, ExportFormat format, AppDbContext db, SiteOptions site,
        HttpRequest request, CancellationToken ct)
    {
        // An escaped slash (hep-th%2F9901001) reaches the route undecoded, as on the paper page.
        asked = Uri.UnescapeDataString(asked);
        if (!ArxivId.TryParse(asked, out var id)) return NotFound($"'{asked}' is not an arXiv id.");
        // Other spellings (a version, "arXiv:", a subject class) go to the one address, as the paper page does.
        if (id != asked) return TypedResults.Redirect(ExportLinks.Paper(id, format), permanent: true);
        var paper = await FeedQueries.PaperAsync(db, id, ct);
        // A hidden paper is in no export, as it is in no list and in the API.
        if (paper is null || paper.Feed is { Hidden: true }) return NotFound($"There is no paper {id} on this site.");
        if (format == ExportFormat.Markdown)
            return TypedResults.Text(PaperMarkdown.Write(paper, $"{request.Scheme}://{request.Host}{request.PathBase}", site.Name), format.ContentType);
        return Download(Write(format, [paper]), format, id.Replace('/', '-'));
    }

    private static async Task<IResult> CollectionAsync(string user, string slug, ExportFormat format, AppDbContext db,
        CollectionService collections, CancellationToken ct)
    {
        var owner = await PublicMember.FindAsync(db, user, ct);
        var collection = owner is null ? null : await collections.FindAsync(owner.Id, slug, ct);
        // Private is answered as missing, to its owner too: an export is a link to pass around, not a view for one reader.
        if (owner is null || collection is not { IsPublic: true })
            return NotFound($"There is no public collection at {CollectionLinks.Collection(user, slug)}.");
        var papers = (await collections.PapersAsync(collection.Id, ct)).Select(p => p.Paper).ToList();
        return Download(Write(format, papers), format, ExportText.FileName($"{owner.UserName} {collection.Slug}", "collection"));
    }

    private static async Task<IResult> SearchAsync(string? q, string? mode, string? limit, ExportFormat format,
        SearchService search, AppDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return BadRequest("q (the query) is required.");
        if (!Web.QueryLimit.TryParse(limit, MaxSearchResults, MaxSearchResults, out var take, out var error))
            return BadRequest(error);
        // The mode is read as the search page reads it, whose links these are.
        var results = search.Search(q.Trim(), SearchModel.ParseMode(mode), take, countTotal: false);
        var papers = await PaperCards.LoadAsync(db, results.Hits.Select(h => h.PaperId).ToList(), ct);
        return Download(Write(format, papers), format, "search-" + ExportText.FileName(q, "results"));
    }

    private static string Write(ExportFormat format, IReadOnlyList<PaperView> papers) =>
        format == ExportFormat.Ris ? Ris.Write(papers) : Bibtex.Write(papers);

    /// <summary>A file to save (Content-Disposition: attachment) named <paramref name="name"/> with the format's extension.</summary>
    private static IResult Download(string content, ExportFormat format, string name) =>
        TypedResults.File(Encoding.UTF8.GetBytes(content), format.ContentType, $"{name}.{format.Extension}");

    // A body of its own keeps the site's status code pages from replacing it with the HTML error page.
    private static IResult NotFound(string message) => TypedResults.Text(message + "\n", Text, statusCode: StatusCodes.Status404NotFound);

    private static IResult BadRequest(string message) => TypedResults.Text(message + "\n", Text, statusCode: StatusCodes.Status400BadRequest);
}
