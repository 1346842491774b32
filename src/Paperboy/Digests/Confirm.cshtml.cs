using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web;

namespace Paperboy.Digests;

/// <summary>
/// The confirmation link. Opening it shows a button; only the button (a POST) confirms, so a mail scanner that
/// fetches every link in a message does not subscribe anyone.
/// </summary>
[EnableRateLimiting(RateLimits.Other)]
public sealed class ConfirmModel(DigestSubscriptions subscriptions, SubscriptionLinks links) : PageModel
{
    [FromQuery(Name = "id")] public long Id { get; set; }
    [FromQuery(Name = "token")] public string? Token { get; set; }

    public bool Confirmed { get; private set; }
    public string? ManageUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await subscriptions.FindAsync(Id, Token, ct) is null ? BadLink() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await subscriptions.FindAsync(Id, Token, ct) is not { } s) return BadLink();
        if (!await subscriptions.ConfirmAsync(s, ct))
            return Refuse(StatusCodes.Status400BadRequest,
                $"This confirmation link has expired (they work for {DigestRules.ConfirmationLifetime.TotalDays:N0} days): subscribe again for a new one.");
        Confirmed = true;
        ManageUrl = links.Manage(s, Request);
        return Page();
    }

    public string? Refusal { get; private set; }

    private PageResult BadLink() => Refuse(StatusCodes.Status404NotFound, DigestRules.BadLink);

    private PageResult Refuse(int status, string why)
    {
        Response.StatusCode = status;
        Refusal = why;
        return Page();
    }
}
