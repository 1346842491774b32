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
/// <c>POST /admin/papers/hide</c> with <c>paper</c> (an arXiv id), <c>hide</c> (true to hide, false to show)
/// and an optional <c>reason</c>. A hidden paper leaves every list and its page is 404 to all but moderators.
/// </summary>
[EnableRateLimiting(RateLimits.Other)]
public sealed class HidePaperModel(AppDbContext db, Members members, UserManager<User> users, ModerationService moderation)
    : ModerationModel(members, users)
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync([FromForm] string? paper, [FromForm] bool hide, [FromForm] string? reason,
        CancellationToken ct)
    {
        if (await ActorAsync() is not { } actor) return Page();
        if (!ModelState.IsValid) return Answer(StatusCodes.Status400BadRequest, "Say whether to hide or to show the paper.");
        if (!ArxivId.TryParse(paper ?? "", out var id)) return Answer(StatusCodes.Status400BadRequest, "That is not an arXiv id.");
        if (Reason(reason) is { Length: > ModerationService.MaxReason }) return Answer(StatusCodes.Status400BadRequest, $"A reason has at most {ModerationService.MaxReason} characters.");
        var paperId = await db.DailyEntries.Where(e => e.Paper.ArxivId == id).Select(e => (long?)e.PaperId).FirstOrDefaultAsync(ct);
        if (paperId is null) return Answer(StatusCodes.Status404NotFound, "That paper is not on the feed.");
        await moderation.SetPaperHiddenAsync(actor, paperId.Value, id, hide, Reason(reason), ct);
        return LocalRedirect(PaperLinks.Page(id));
    }
}
