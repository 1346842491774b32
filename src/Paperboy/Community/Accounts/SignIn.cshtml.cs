using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web;

namespace Paperboy.Community.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(UserManager<User> users, SignInManager<User> signIn) : PageModel
{
    [BindProperty] public SignInForm Form { get; set; } = new();
    [FromQuery(Name = "returnUrl")] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Refuse(null);
        // Either a user name or an email address signs in.
        var user = Form.Name.Contains('@') ? await users.FindByEmailAsync(Form.Name.Trim()) : await users.FindByNameAsync(Form.Name.Trim());
        if (user is null) return Refuse("Wrong user name or password.");
        var result = await signIn.PasswordSignInAsync(user, Form.Password, isPersistent: Form.Remember, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/papers");
        if (result.IsLockedOut)
        {
            // Identity stamps the lockout end with the system clock, so it is measured against that clock.
            var until = await users.GetLockoutEndDateAsync(user);
            var minutes = until is { } end ? Math.Max(1, (int)Math.Ceiling((end - TimeProvider.System.GetUtcNow()).TotalMinutes)) : 15;
            return Refuse($"Too many failed attempts: this account is locked for {minutes} more minute{(minutes == 1 ? "" : "s")}. " +
                          "You can reset your password meanwhile.");
        }
        if (result.IsNotAllowed) return Refuse("Confirm your email address first: open the link we mailed you.");
        return Refuse("Wrong user name or password.");
    }

    private PageResult Refuse(string? message)
    {
        if (message is not null) ModelState.AddModelError("", message);
        Form.Password = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

public sealed class SignInForm
{
    [Required(ErrorMessage = "Give your user name or email address.")]
    [StringLength(254)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Give your password.")]
    [StringLength(200)]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool Remember { get; set; } = true;
}
