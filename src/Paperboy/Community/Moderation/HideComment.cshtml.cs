using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Moderation;

/// <summary>
/// <c>POST /admin/comments/{id}/hide</c> with <c>hide</c> (true to hide, false to show) and an optional
/// <c>reason</c>. A hidden comment is shown to moderators only and leaves the paper's comment count.
/// </summary>
[EnableRateLimiting(RateLimits.Other)]
public sealed class HideCommentModel(AppDbContext db, Members members, UserManager<User> users, ModerationService moderation)
    : ModerationModel(members, users)
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync(long id, [FromForm] bool hide, [FromForm] string? reason, CancellationToken ct)
    {
        if (await ActorAsync() is not { } actor) return Page();
        if (!ModelState.IsValid) return Answer(StatusCodes.Status400BadRequest, "Say whether to hide or to show the comment.");
        if (Reason(reason) is { Length: > ModerationService.MaxReason })
            return Answer(StatusCodes.Status400BadRequest, $"A reason has at most {ModerationService.MaxReason} characters.");
        var paper = await (from c in db.Comments where c.Id == id join p in db.Papers on c.PaperId equals p.Id select p.ArxivId)
            .FirstOrDefaultAsync(ct);
        if (paper is null) return Answer(StatusCodes.Status404NotFound, "There is no such comment.");
        await moderation.SetCommentHiddenAsync(actor, id, paper, hide, Reason(reason), ct);
        return LocalRedirect($"{PaperLinks.Page(paper)}#c{id}");
    }
}
