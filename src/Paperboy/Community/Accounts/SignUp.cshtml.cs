using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web;

namespace Paperboy.Community.Accounts;

[EnableRateLimiting(RateLimits.SignUp)]
public sealed class SignUpModel(UserManager<User> users, SignInManager<User> signIn, AccountMail mail,
    AccountOptions options, TimeProvider clock) : PageModel
{
    [BindProperty] public SignUpForm Form { get; set; } = new();
    [FromQuery(Name = "returnUrl")] public string? ReturnUrl { get; set; }
    public bool Closed => !options.AllowSignUp;

    public IActionResult OnGet() => Closed ? StatusCode(StatusCodes.Status403Forbidden) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Closed) return StatusCode(StatusCodes.Status403Forbidden);
        if (!ModelState.IsValid) return BadRequestPage();
        var user = new User { UserName = Form.UserName.Trim(), Email = Form.Email.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, Form.Password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) ModelState.AddModelError(FieldOf(e), Wording.Identity(e));
            return BadRequestPage();
        }
        await mail.SendConfirmationAsync(user, Request, ct);
        if (options.RequireConfirmedEmail) return LocalRedirect("/account/check-mail");
        await signIn.SignInAsync(user, isPersistent: true);
        // A new member with nowhere particular to go starts by saying what they read, for their recommendations.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/welcome");
    }

    private PageResult BadRequestPage()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string FieldOf(IdentityError e) =>
        e.Code.Contains("Password", StringComparison.Ordinal) ? "Form.Password"
        : e.Code.Contains("Email", StringComparison.Ordinal) ? "Form.Email"
        : "Form.UserName";
}

public sealed class SignUpForm
{
    [Required(ErrorMessage = "Choose a user name.")]
    [StringLength(AccountServices.MaxUserName, MinimumLength = AccountServices.MinUserName,
        ErrorMessage = "A user name has 2 to 32 characters.")]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "A user name uses letters, digits, '-' and '_' only.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Give an email address.")]
    [EmailAddress(ErrorMessage = "That is not an email address.")]
    [StringLength(254, ErrorMessage = "An email address has at most 254 characters.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = AccountServices.MinPassword, ErrorMessage = "A password has 8 to 200 characters.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
