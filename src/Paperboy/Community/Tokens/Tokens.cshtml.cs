using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Community.Accounts;
using Paperboy.Web;

namespace Paperboy.Community.Tokens;

/// <summary>
/// <c>/account/tokens</c>: a member makes API tokens (a name, scopes, an expiry), sees each secret once, in the
/// answer to the form that made it, and revokes tokens. Every read and write names the member, so nobody sees or
/// revokes another's tokens. A ban stops making tokens, not revoking them: a banned member may still shut one.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Other)]
public sealed class TokensModel(Members members, ApiTokenService tokens, TimeProvider clock) : PageModel
{
    /// <summary>The expiries offered, in days; 0 is "never".</summary>
    public static readonly IReadOnlyList<int> ExpiryChoices = [0, 30, 90, 365];

    public User Member { get; private set; } = null!;
    public List<ApiTokenSummary> List { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The secret of the token just made: in this one answer and nowhere else, ever.</summary>
    public string? Secret { get; private set; }

    /// <summary>The new token may read the private "for you" feed, whose address (with the token) is shown beside it.</summary>
    public bool SecretReadsFeed { get; private set; }

    /// <summary>The form as sent, shown again when it is refused.</summary>
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<string> Scopes { get; set; } = [];
    [BindProperty] public int ExpiresInDays { get; set; } = 90;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await members.CurrentAsync(User) is not { } user) return Challenge();
        Member = user;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return await RefuseAsync(StatusCodes.Status403Forbidden, refusal!);
        Member = writer;
        if (!ModelState.IsValid) return await RefuseAsync(StatusCodes.Status400BadRequest, "Choose when the token expires from the list.");
        var name = Name?.Trim() ?? "";
        if (name.Length == 0) return await RefuseAsync(StatusCodes.Status400BadRequest, "Give the token a name, to tell it apart from your others later.");
        if (name.Length > ApiTokenService.MaxName)
            return await RefuseAsync(StatusCodes.Status400BadRequest, $"A token's name has at most {ApiTokenService.MaxName} characters.");
        if (Scopes.Count == 0) return await RefuseAsync(StatusCodes.Status400BadRequest, "Choose at least one thing the token may do.");
        if (Scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
            return await RefuseAsync(StatusCodes.Status400BadRequest, $"There is no scope called '{unknown}'.");
        if (!ExpiryChoices.Contains(ExpiresInDays))
            return await RefuseAsync(StatusCodes.Status400BadRequest, "Choose when the token expires from the list.");
        // Two forms sent at once may both pass this count and end one over the limit; the limit is against
        // hoarding, and one over does no harm.
        if (await tokens.LiveCountAsync(writer.Id, ct) >= ApiTokenService.MaxTokensPerUser)
            return await RefuseAsync(StatusCodes.Status409Conflict,
                $"You have {ApiTokenService.MaxTokensPerUser} tokens that work, the most one member may have. Revoke one you no longer use first.");

        DateTime? expiresAt = ExpiresInDays == 0 ? null : Now.AddDays(ExpiresInDays);
        var (token, secret) = await tokens.CreateAsync(writer.Id, name, Scopes, expiresAt, ct);
        Secret = secret;
        SecretReadsFeed = token.Scopes.Contains(ApiScopes.Feed);
        Done = $"Token “{token.Name}” made.";
        (Name, Scopes) = (null, []);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm] long id, CancellationToken ct)
    {
        if (await members.CurrentAsync(User) is not { } user) return Challenge();
        Member = user;
        // The statement names the member: another member's token id, or one already revoked, matches nothing.
        if (!await tokens.RevokeAsync(user.Id, id, ct))
            return await RefuseAsync(StatusCodes.Status404NotFound, "You have no token with that number that still works; nothing was revoked.");
        Done = "Token revoked: programs using it are refused from now on.";
        return Page();
    }

    /// <summary>Every answer lists the member's tokens as they now are, and none is stored by any cache.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // The answer to "make a token" holds its secret; nothing here should outlive the page.
        Response.Headers.CacheControl = "no-store";
        var executed = await next();
        if (executed.Result is PageResult && Member is not null) List = await tokens.ListAsync(Member.Id, HttpContext.RequestAborted);
    }

    private async Task<IActionResult> RefuseAsync(int status, string message)
    {
        // A banned member's refusal still shows the page, so Member is loaded whatever happened before.
        if (Member is null && await members.CurrentAsync(User) is { } user) Member = user;
        if (Member is null) return Challenge();
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
