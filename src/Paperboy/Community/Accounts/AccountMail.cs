using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Paperboy.Mail;
using Paperboy.Web;

namespace Paperboy.Community.Accounts;

/// <summary>The mail an account receives: the confirmation link and the password reset link.</summary>
public sealed class AccountMail(UserManager<User> users, IMailSender sender, MailOptions mail, SiteOptions site)
{
    public async Task SendConfirmationAsync(User user, HttpRequest request, CancellationToken ct)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = Link(request, "/account/confirm", user.Id, token);
        await SendAsync(user, $"Confirm your {site.Name} account",
            $"Welcome to {site.Name}, {user.UserName}.\n\nConfirm your email address by opening this link:\n{link}\n\n" +
            "If you did not sign up, ignore this message.", link, "Confirm my email address", ct);
    }

    public async Task SendPasswordResetAsync(User user, HttpRequest request, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = Link(request, "/account/reset", user.Id, token);
        await SendAsync(user, $"Reset your {site.Name} password",
            $"Someone asked to reset the password of {user.UserName} on {site.Name}.\n\nChoose a new password here (the link " +
            $"works for 24 hours):\n{link}\n\nIf it was not you, ignore this message: your password stays as it is.",
            link, "Choose a new password", ct);
    }

    /// <summary>
    /// The link that moves an account to a new address, mailed to that address: opening it proves the member
    /// reads it. The old address stays in use until then.
    /// </summary>
    public async Task SendEmailChangeAsync(User user, string newEmail, HttpRequest request, CancellationToken ct)
    {
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        var link = QueryHelpers.AddQueryString(Link(request, "/account/confirm-email", user.Id, token), "email", newEmail);
        await SendAsync(user.UserName, newEmail, $"Confirm your new email address on {site.Name}",
            $"{user.UserName}, you asked to use this address for your {site.Name} account.\n\nConfirm it by opening this link:\n{link}\n\n" +
            "If you did not ask for this, ignore this message: the account keeps its old address.", link, "Confirm my new address", ct);
    }

    private string Link(HttpRequest request, string path, long userId, string token)
    {
        var origin = string.IsNullOrEmpty(mail.PublicUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : mail.PublicUrl.TrimEnd('/');
        return QueryHelpers.AddQueryString(origin + path, new Dictionary<string, string?>
        {
            ["user"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["token"] = token,
        });
    }

    private Task SendAsync(User user, string subject, string text, string link, string action, CancellationToken ct) =>
        SendAsync(user.UserName, user.Email ?? throw new InvalidOperationException($"User {user.UserName} has no email address"),
            subject, text, link, action, ct);

    private Task SendAsync(string? name, string address, string subject, string text, string link, string action, CancellationToken ct) =>
        sender.SendAsync(LinkMail.Create(mail, name, address, subject, text, link, action), ct);
}
