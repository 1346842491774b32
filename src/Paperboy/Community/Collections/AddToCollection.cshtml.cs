using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Collections;

/// <summary>
/// <c>POST /collection-items</c>, the "Save to collection" form of a paper page: <c>collection</c> (its id),
/// <c>paper</c> (an arXiv id) and an optional <c>note</c>. Done, it goes to the collection; refused, it shows why.
/// The address is outside <c>/collections/</c> so that it can never shadow a member's name there.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Other)]
public sealed class AddToCollectionModel(AppDbContext db, Members members, CollectionService collections) : PageModel
{
    public string? Message { get; private set; }
    public string? Paper { get; private set; }

    public IActionResult OnGet() => Redirect("/papers");

    public async Task<IActionResult> OnPostAsync([FromForm] long collection, [FromForm] string? paper, [FromForm] string? note,
        CancellationToken ct)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        if (!ArxivId.TryParse(paper, out var id)) return Refuse(StatusCodes.Status400BadRequest, "That is not an arXiv id.");
        Paper = id;
        if (CollectionInput.NoteError(note) is { } error) return Refuse(StatusCodes.Status400BadRequest, error);
        var target = await collections.FindAsync(collection, ct);
        if (target is null) return Refuse(StatusCodes.Status404NotFound, "There is no such collection. Choose one of yours.");
        if (target.UserId != writer.Id) return Refuse(StatusCodes.Status403Forbidden, "You can only add papers to your own collections.");
        var paperId = await db.Papers.Where(p => p.ArxivId == id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (paperId is null) return Refuse(StatusCodes.Status404NotFound, "That paper is not on this site.");
        await collections.AddAsync(target.Id, paperId.Value, note, ct);
        return LocalRedirect(CollectionLinks.Collection(writer.UserName!, target.Slug));
    }

    private PageResult Refuse(int status, string message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
