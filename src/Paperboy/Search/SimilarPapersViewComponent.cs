using Microsoft.AspNetCore.Mvc;

namespace Paperboy.Search;

/// <summary>The "Similar papers" list at the foot of a paper page.</summary>
public sealed class SimilarPapersViewComponent(SimilarPapers similar) : ViewComponent
{
    public const int Count = 6;

    public async Task<IViewComponentResult> InvokeAsync(string arxivId) =>
        View("/Search/_SimilarPapers.cshtml", await similar.ForAsync(arxivId, Count, HttpContext.RequestAborted));
}
