using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Votes;

/// <summary>
/// <c>POST /vote</c> with <c>paper</c> (an arXiv id) and <c>up</c> (true or false). A plain form post comes back
/// to the page it came from; the script on the cards asks for JSON and updates the count in place.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Votes)]
public sealed class VoteModel(AppDbContext db, Members members, VoteService votes) : PageModel
{
    public string? Message { get; private set; }

    public IActionResult OnGet() => Redirect("/papers");

    public async Task<IActionResult> OnPostAsync([FromForm] string? paper, [FromForm] bool up, [FromForm] string? returnUrl,
        CancellationToken ct)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        if (!ArxivId.TryParse(paper ?? "", out var id)) return Refuse(StatusCodes.Status400BadRequest, "That is not an arXiv id.");
        var paperId = await db.Papers.Where(p => p.ArxivId == id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        var result = paperId is null ? null : await votes.SetAsync(writer.Id, paperId.Value, up, ct);
        if (result is null) return Refuse(StatusCodes.Status404NotFound, "That paper is not on the feed.");
        if (RateLimits.WantsJson(Request)) return new JsonResult(new { paper = id, voted = result.Voted, upvotes = result.Upvotes });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : PaperLinks.Page(id));
    }

    private IActionResult Refuse(int status, string message)
    {
        if (RateLimits.WantsJson(Request))
            return new ObjectResult(new ProblemDetails { Status = status, Title = "Vote refused", Detail = message }) { StatusCode = status };
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
