using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web;

namespace Paperboy.Digests;

/// <summary>
/// The unsubscribe link of every digest. A GET shows a button and changes nothing (mail scanners open links); a
/// POST unsubscribes: the button's, or the one-click POST a mail client sends by itself from the message's
/// <c>List-Unsubscribe</c> header (RFC 8058), which has no cookie and no form token. The link's secret is the
/// permission, so the antiforgery check, which guards a signed-in session's cookie, has nothing to guard here.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimits.Other)]
public sealed class UnsubscribeModel(DigestSubscriptions subscriptions, SubscriptionLinks links) : PageModel
{
    [FromQuery(Name = "id")] public long Id { get; set; }
    [FromQuery(Name = "token")] public string? Token { get; set; }
    [FromQuery(Name = "done")] public bool Done { get; set; }

    public string? Refusal { get; private set; }
    public string? ManageUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await subscriptions.FindAsync(Id, Token, ct) is not { } s) return Refuse();
        Done = Done && s.Status == SubscriptionStatus.Unsubscribed;
        ManageUrl = links.Manage(s, Request);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await subscriptions.FindAsync(Id, Token, ct) is not { } s) return Refuse();
        if (s.Status != SubscriptionStatus.Unsubscribed) await subscriptions.UnsubscribeAsync(s, ct);
        Done = true;
        ManageUrl = links.Manage(s, Request);
        return Page();
    }

    private PageResult Refuse()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        Refusal = DigestRules.BadLink;
        return Page();
    }
}
