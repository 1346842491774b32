using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Recommendations;

/// <summary>
/// <c>POST /not-interested</c> with <c>paper</c> (an arXiv id) and <c>undo</c> (true to take the mark back): the
/// "Not interested" button of cards and paper pages. It comes back to <c>returnUrl</c>; asked for JSON, it answers
/// the new state. The paper stays on every list: the mark only teaches the member's recommendations.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Votes)]
public sealed class NotInterestedModel(AppDbContext db, Members members, TimeProvider clock) : PageModel
{
    public string? Message { get; private set; }

    public IActionResult OnGet() => Redirect("/papers");

    public async Task<IActionResult> OnPostAsync([FromForm] string? paper, [FromForm] bool undo, [FromForm] string? returnUrl,
        CancellationToken ct)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        if (!ArxivId.TryParse(paper ?? "", out var id)) return Refuse(StatusCodes.Status400BadRequest, "That is not an arXiv id.");
        var paperId = await Interests.MarkablePaperAsync(db, id, ct);
        if (paperId is null) return Refuse(StatusCodes.Status404NotFound, "That paper is not on this site.");
        if (undo) await Interests.UnmarkAsync(db, writer.Id, paperId.Value, PaperMarkKind.NotInterested, ct);
        else await Interests.MarkAsync(db, writer.Id, paperId.Value, PaperMarkKind.NotInterested, clock.GetUtcNow().UtcDateTime, ct);
        if (RateLimits.WantsJson(Request)) return new JsonResult(new { paper = id, notInterested = !undo });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : PaperLinks.Page(id));
    }

    private IActionResult Refuse(int status, string message)
    {
        if (RateLimits.WantsJson(Request))
            return new ObjectResult(new ProblemDetails { Status = status, Title = "Not done", Detail = message }) { StatusCode = status };
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
