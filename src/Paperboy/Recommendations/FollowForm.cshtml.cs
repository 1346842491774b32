using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Recommendations;

/// <summary>
/// <c>POST /follows</c>: follow (or, with <c>unfollow=true</c>, stop following) an author or an arXiv category, named
/// by <c>kind</c> and <c>value</c>, or by <c>target</c> as <c>kind:value</c> (the paper page's one picker holds both
/// kinds). Done, it goes back to <c>returnUrl</c>; refused, it shows why.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Other)]
public sealed class FollowFormModel(AppDbContext db, Members members, TimeProvider clock) : PageModel
{
    public string? Message { get; private set; }
    public bool Unfollowing { get; private set; }

    public IActionResult OnGet() => Redirect("/account/interests");

    public async Task<IActionResult> OnPostAsync([FromForm] string? kind, [FromForm] string? value, [FromForm] string? target,
        [FromForm] bool unfollow, [FromForm] string? returnUrl, CancellationToken ct)
    {
        Unfollowing = unfollow;
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        if (target is not null && target.IndexOf(':') is var colon and > 0)
            (kind, value) = (target[..colon], target[(colon + 1)..]);
        if (!FollowTarget.TryParse(kind, value, out var follow, out var error)) return Refuse(StatusCodes.Status400BadRequest, error);
        if (unfollow) await Interests.UnfollowAsync(db, writer.Id, follow, ct);
        else await Interests.FollowAsync(db, writer.Id, follow, clock.GetUtcNow().UtcDateTime, ct);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/account/interests");
    }

    private PageResult Refuse(int status, string message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
