using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paperboy.Community.Accounts;

/// <summary>The link in the confirmation mail. A bad or expired link is a 400 page that offers a new mail.</summary>
public sealed class ConfirmModel(UserManager<User> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? user, [FromQuery] string? token)
    {
        var found = long.TryParse(user, out var id) ? await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        if (found is not null && !string.IsNullOrEmpty(token))
            Confirmed = (await users.ConfirmEmailAsync(found, token)).Succeeded;
        if (!Confirmed) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
