using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web;

namespace Paperboy.Community.Accounts;

/// <summary>
/// Asks for a password reset mail. The answer is the same whether or not the address has an account, so the
/// page cannot be used to find out who is a member.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ForgotModel(UserManager<User> users, AccountMail mail) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Give your email address.")]
    [EmailAddress(ErrorMessage = "That is not an email address.")]
    [StringLength(254)]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await users.FindByEmailAsync(Email.Trim()) is { } user)
            await mail.SendPasswordResetAsync(user, Request, ct);
        Sent = true;
        return Page();
    }
}
