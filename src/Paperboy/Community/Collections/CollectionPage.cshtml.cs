using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Profiles;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Syndication;
using Paperboy.Web;

namespace Paperboy.Community.Collections;

/// <summary>
/// <c>/collections/{user}/{slug}</c>: a collection's papers with their notes. A private collection is a 404 to
/// anyone but its owner, so its existence does not leak. The owner edits it here: name, description and
/// visibility, each paper's note, removing papers, deleting the collection. Anyone else's write is a 403.
/// </summary>
[EnableRateLimiting(RateLimits.Other)]
public sealed class CollectionPageModel(AppDbContext db, Members members, CollectionService collections) : PageModel
{
    public PublicMember Owner { get; private set; } = null!;
    public Collection Collection { get; private set; } = null!;
    public IReadOnlyList<CollectionPaper> Papers { get; private set; } = [];
    public bool IsOwner { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string user, string slug, CancellationToken ct)
    {
        if (!await LoadAsync(user, slug, ct)) return NotFound();
        // A private collection has no feed: its owner sees the page, but a feed reader would get a 404.
        if (Collection.IsPublic)
            ViewData[FeedLinks.ViewDataKey] = new[] { FeedLinks.Collection(Owner.UserName, Collection.Slug, Collection.Name) };
        return Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(string user, string slug, [FromForm] string? name, [FromForm] string? description,
        [FromForm] bool isPublic, CancellationToken ct) =>
        WriteAsync(user, slug, ct, async c =>
        {
            if (CollectionInput.NameAndDescriptionError(name, description) is { } error) return (StatusCodes.Status400BadRequest, error);
            await collections.UpdateAsync(c.Id, name!, description, isPublic, ct);
            return (0, null);
        });

    public Task<IActionResult> OnPostDeleteAsync(string user, string slug, CancellationToken ct) =>
        WriteAsync(user, slug, ct, async c =>
        {
            await collections.DeleteAsync(c.Id, ct);
            return (0, null);
        }, after: CollectionLinks.List(user));

    public Task<IActionResult> OnPostRemoveAsync(string user, string slug, [FromForm] string? paper, CancellationToken ct) =>
        WriteAsync(user, slug, ct, async c =>
            await PaperIdAsync(paper, ct) is { } id && await collections.RemoveAsync(c.Id, id, ct)
                ? (0, null)
                : (StatusCodes.Status404NotFound, "That paper is not in this collection."));

    public Task<IActionResult> OnPostNoteAsync(string user, string slug, [FromForm] string? paper, [FromForm] string? note,
        CancellationToken ct) =>
        WriteAsync(user, slug, ct, async c =>
        {
            if (CollectionInput.NoteError(note) is { } error) return (StatusCodes.Status400BadRequest, error);
            return await PaperIdAsync(paper, ct) is { } id && await collections.SetNoteAsync(c.Id, id, note, ct)
                ? (0, null)
                : (StatusCodes.Status404NotFound, "That paper is not in this collection.");
        });

    /// <summary>Checks who is writing, runs the change, and answers with the page (refused) or a redirect (done).</summary>
    private async Task<IActionResult> WriteAsync(string user, string slug, CancellationToken ct,
        Func<Collection, Task<(int Status, string? Error)>> change, string? after = null)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(user, slug, ct)) return NotFound();
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return await RefuseAsync(StatusCodes.Status403Forbidden, refusal!, user, slug, ct);
        if (writer.Id != Collection.UserId)
            return await RefuseAsync(StatusCodes.Status403Forbidden, "Only the owner can change this collection.", user, slug, ct);
        var (status, error) = await change(Collection);
        if (error is not null) return await RefuseAsync(status, error, user, slug, ct);
        return LocalRedirect(after ?? CollectionLinks.Collection(Owner.UserName, Collection.Slug));
    }

    private async Task<IActionResult> RefuseAsync(int status, string message, string user, string slug, CancellationToken ct)
    {
        await LoadAsync(user, slug, ct);
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(string user, string slug, CancellationToken ct)
    {
        if (await PublicMember.FindAsync(db, user, ct) is not { } owner) return false;
        if (await collections.FindAsync(owner.Id, slug, ct) is not { } collection) return false;
        IsOwner = PublicMember.ViewerId(User) == owner.Id;
        if (!collection.IsPublic && !IsOwner) return false;
        (Owner, Collection) = (owner, collection);
        Papers = await collections.PapersAsync(collection.Id, ct);
        return true;
    }

    private async Task<long?> PaperIdAsync(string? paper, CancellationToken ct) =>
        ArxivId.TryParse(paper, out var id)
            ? await db.Papers.Where(p => p.ArxivId == id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct)
            : null;
}
