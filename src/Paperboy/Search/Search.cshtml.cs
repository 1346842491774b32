using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Search;

/// <summary>
/// <c>/search?q=</c>, where the header's search box sends its query. Full-text search is a later piece of work
/// that replaces this page; until then an arXiv id or arXiv link goes straight to the paper, and anything else
/// gets a page that says search is coming.
/// </summary>
public sealed class SearchModel(AppDbContext db) : PageModel
{
    public string Query { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery] string? q, CancellationToken ct)
    {
        Query = (q ?? "").Trim();
        var asId = Query;
        foreach (var prefix in new[] { "https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/", "arxiv.org/abs/" })
            if (asId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) asId = asId[prefix.Length..];
        if (ArxivId.TryParse(asId, out var id) && await db.Papers.AnyAsync(p => p.ArxivId == id, ct))
            return Redirect(PaperLinks.Page(id));
        ViewData["Title"] = "Search";
        return Page();
    }
}
