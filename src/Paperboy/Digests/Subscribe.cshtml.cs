using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web;

namespace Paperboy.Digests;

/// <summary>
/// The digest by email alone, from the form in every page's footer or this page: a confirmation link goes to the
/// address, and nothing is sent until it is followed. The answer is the same whatever the address's state.
/// </summary>
[EnableRateLimiting(RateLimits.Subscribe)]
public sealed class SubscribeModel(DigestSubscriptions subscriptions) : PageModel
{
    /// <summary>The address, from this page's form or prefilled from the footer's (a GET).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public string? Error { get; private set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!DigestRules.TryParseEmail(Email, out var email, out var normalized, out var error))
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await subscriptions.SubscribeAsync(email, normalized, Request, ct);
        Sent = true;
        return Page();
    }
}
