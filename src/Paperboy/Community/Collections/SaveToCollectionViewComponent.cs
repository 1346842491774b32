using Microsoft.AspNetCore.Mvc;
using Paperboy.Community.Profiles;

namespace Paperboy.Community.Collections;

/// <summary>The paper page's "Save to collection" form: a picker of the reader's collections and a note.</summary>
public sealed class SaveToCollectionViewComponent(CollectionService collections) : ViewComponent
{
    public sealed record Form(string ArxivId, string? UserName, IReadOnlyList<CollectionSummary> Collections);

    public async Task<IViewComponentResult> InvokeAsync(string arxivId)
    {
        var viewer = PublicMember.ViewerId(UserClaimsPrincipal);
        var mine = viewer is { } id ? await collections.ListAsync(id, includePrivate: true, HttpContext.RequestAborted) : [];
        return View("/Community/Collections/_SaveToCollection.cshtml", new Form(arxivId, viewer is null ? null : User.Identity?.Name, mine));
    }
}
