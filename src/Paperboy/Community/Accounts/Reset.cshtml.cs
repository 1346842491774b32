using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web;

namespace Paperboy.Community.Accounts;

/// <summary>The link in the reset mail: choose a new password. A successful reset also ends any lockout.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetModel(UserManager<User> users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserKey { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = AccountServices.MinPassword, ErrorMessage = "A password has 8 to 200 characters.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var user = long.TryParse(UserKey, out var id) ? await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
            var result = user is null || string.IsNullOrEmpty(Token)
                ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" })
                : await users.ResetPasswordAsync(user, Token, Password);
            if (result.Succeeded)
            {
                await users.SetLockoutEndDateAsync(user!, null);
                await users.ResetAccessFailedCountAsync(user!);
                Done = true;
                return Page();
            }
            foreach (var e in result.Errors) ModelState.AddModelError(e.Code == "InvalidToken" ? "" : nameof(Password), Wording.Identity(e));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
