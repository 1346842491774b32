using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Web;

namespace Paperboy.Community.Profiles;

/// <summary>
/// <c>/account/settings</c>: change the email address (confirmed through a link mailed to the new address),
/// change the password, mail the confirmation link again, get the email digest. Changing the email or sending mail is a write a ban
/// stops; changing the password is not, so that a banned member can still secure their account.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Other)]
public sealed class SettingsModel(UserManager<User> users, SignInManager<User> signIn, Members members, AccountMail mail,
    DigestSubscriptions digests, SubscriptionLinks links, AppDbContext db) : PageModel
{
    public User Member { get; private set; } = null!;
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Which form the message belongs to: email, password or resend.</summary>
    public string? Section { get; private set; }

    /// <summary>The preferences page of the digest going to the member's address, when there is an active one.</summary>
    public string? DigestUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await members.CurrentAsync(User) is not { } user) return Challenge();
        Member = user;
        return Page();
    }

    /// <summary>
    /// The digest for the member's confirmed address, active at once (the address was proven at sign-up or change),
    /// then its preferences page.
    /// </summary>
    public async Task<IActionResult> OnPostDigestAsync(CancellationToken ct)
    {
        Section = "digest";
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return await RefuseAsync(StatusCodes.Status403Forbidden, refusal!);
        Member = writer;
        if (!writer.EmailConfirmed || writer.Email is null)
            return await RefuseAsync(StatusCodes.Status400BadRequest, "Confirm your email address first: the digest goes there.");
        var subscription = await digests.ForMemberAsync(writer.Id, writer.Email, ct);
        return Redirect(links.Manage(subscription, Request));
    }

    /// <summary>After any handler that shows the page: the digest section reflects the member's address as it now is.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Member is not null) await FindDigestAsync(HttpContext.RequestAborted);
    }

    private async Task FindDigestAsync(CancellationToken ct)
    {
        var email = Member.Email?.ToLowerInvariant();
        if (email is null || !Member.EmailConfirmed) return;
        if (await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.NormalizedEmail == email && s.Status != SubscriptionStatus.Unsubscribed, ct) is { } s)
            DigestUrl = links.Manage(s, Request);
    }

    public async Task<IActionResult> OnPostEmailAsync([FromForm] string? email, CancellationToken ct)
    {
        Section = "email";
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return await RefuseAsync(StatusCodes.Status403Forbidden, refusal!);
        Member = writer;
        var address = email?.Trim() ?? "";
        if (address.Length is 0 or > 254 || !new EmailAddressAttribute().IsValid(address))
            return await RefuseAsync(StatusCodes.Status400BadRequest, "That is not an email address.");
        if (string.Equals(address, writer.Email, StringComparison.OrdinalIgnoreCase))
            return await RefuseAsync(StatusCodes.Status400BadRequest, "That is your address already.");
        if (await users.FindByEmailAsync(address) is not null)
            return await RefuseAsync(StatusCodes.Status400BadRequest, Wording.Identity(new IdentityError { Code = "DuplicateEmail" }));
        await mail.SendEmailChangeAsync(writer, address, Request, ct);
        Done = $"We mailed a link to {address}. Open it to start using that address; until then your account keeps {writer.Email}.";
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync([FromForm] string? current, [FromForm] string? password)
    {
        Section = "password";
        if (await members.CurrentAsync(User) is not { } user) return Challenge();
        Member = user;
        if (string.IsNullOrEmpty(current)) return await RefuseAsync(StatusCodes.Status400BadRequest, "Give your current password.");
        if (password is null || password.Length is < AccountServices.MinPassword or > 200)
            return await RefuseAsync(StatusCodes.Status400BadRequest, "A password has 8 to 200 characters.");
        var changed = await users.ChangePasswordAsync(user, current, password);
        if (!changed.Succeeded)
            return await RefuseAsync(StatusCodes.Status400BadRequest, string.Join(" ", changed.Errors.Select(e =>
                e.Code == "PasswordMismatch" ? "Your current password is not right." : Wording.Identity(e))));
        // The change renews the security stamp, which would sign this browser out at its next check.
        await signIn.RefreshSignInAsync(user);
        Done = "Your password is changed. Other browsers signed in to your account are signed out within a minute.";
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        Section = "resend";
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return await RefuseAsync(StatusCodes.Status403Forbidden, refusal!);
        Member = writer;
        if (writer.EmailConfirmed) return await RefuseAsync(StatusCodes.Status400BadRequest, "Your address is confirmed already.");
        await mail.SendConfirmationAsync(writer, Request, ct);
        Done = $"We mailed a new confirmation link to {writer.Email}.";
        return Page();
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
