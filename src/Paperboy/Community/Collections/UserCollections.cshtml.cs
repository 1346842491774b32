using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Community.Accounts;
using Paperboy.Community.Profiles;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Community.Collections;

/// <summary>
/// <c>/collections/{user}</c>: a member's collections (their private ones too when they are looking), and for the
/// owner a form that creates a new one.
/// </summary>
[EnableRateLimiting(RateLimits.Other)]
public sealed class UserCollectionsModel(AppDbContext db, Members members, CollectionService collections) : PageModel
{
    public PublicMember Owner { get; private set; } = null!;
    public bool IsOwner { get; private set; }
    public IReadOnlyList<CollectionSummary> Collections { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool IsPublic { get; set; } = true;

    public async Task<IActionResult> OnGetAsync(string user, CancellationToken ct) =>
        await LoadAsync(user, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string user, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(user, ct)) return NotFound();
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        if (writer.Id != Owner.Id) return Refuse(StatusCodes.Status403Forbidden, "Only a member can add collections to their own list.");
        if (CollectionInput.NameAndDescriptionError(Name, Description) is { } error) return Refuse(StatusCodes.Status400BadRequest, error);
        var created = await collections.CreateAsync(writer.Id, Name!, Description, IsPublic, ct);
        return LocalRedirect(CollectionLinks.Collection(Owner.UserName, created.Slug));
    }

    private async Task<bool> LoadAsync(string user, CancellationToken ct)
    {
        if (await PublicMember.FindAsync(db, user, ct) is not { } owner) return false;
        Owner = owner;
        IsOwner = PublicMember.ViewerId(User) == owner.Id;
        Collections = await collections.ListAsync(owner.Id, includePrivate: IsOwner, ct);
        return true;
    }

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}

public static class CollectionLinks
{
    public static string List(string user) => "/collections/" + Uri.EscapeDataString(user);
    public static string Collection(string user, string slug) => List(user) + "/" + Uri.EscapeDataString(slug);
}
