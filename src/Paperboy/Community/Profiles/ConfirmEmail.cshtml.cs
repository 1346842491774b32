using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Community.Accounts;

namespace Paperboy.Community.Profiles;

/// <summary>
/// The link mailed to a new address: moves the account to it (and marks it confirmed). A bad, used or expired
/// link, or an address taken meanwhile, is a 400 page.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<User> users, SignInManager<User> signIn) : PageModel
{
    public bool Changed { get; private set; }
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? user, [FromQuery] string? email, [FromQuery] string? token)
    {
        var found = long.TryParse(user, out var id) ? await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        if (found is not null && !string.IsNullOrEmpty(email) && !string.IsNullOrEmpty(token))
        {
            Changed = (await users.ChangeEmailAsync(found, email, token)).Succeeded;
            Email = email;
            // The change renews the security stamp; keep the member's own browser signed in.
            if (Changed && users.GetUserId(User) == found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                await signIn.RefreshSignInAsync(found);
        }
        if (!Changed) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
