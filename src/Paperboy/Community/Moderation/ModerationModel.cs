using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Community.Accounts;

namespace Paperboy.Community.Moderation;

/// <summary>
/// What every moderation page shares. Anonymous visitors are sent to sign in; a signed-in member who is not a
/// moderator gets 403 with a sentence. Roles are read from the database on each request rather than from the
/// cookie (as <c>[Authorize(Roles = Roles.Moderators)]</c> would), so a granted or revoked role holds at once.
/// </summary>
[Authorize]
public abstract class ModerationModel(Members members, UserManager<User> users) : PageModel
{
    protected UserManager<User> Users { get; } = users;

    /// <summary>Why the request was refused; the page shows only this when it is set.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The moderator looking at the page (banned moderators may still look), or null after refusing.</summary>
    protected async Task<User?> ReaderAsync()
    {
        var user = await members.CurrentAsync(User);
        if (user is not null && await members.IsModeratorAsync(user)) return user;
        Refuse(StatusCodes.Status403Forbidden, "Only moderators can see this page.");
        return null;
    }

    /// <summary>The moderator acting; a banned moderator is refused like every banned member.</summary>
    protected async Task<User?> ActorAsync(bool adminOnly = false)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        if (adminOnly ? !await Users.IsInRoleAsync(writer, Roles.Admin) : !await members.IsModeratorAsync(writer))
            return Refuse(StatusCodes.Status403Forbidden, adminOnly ? "Only administrators can do that." : "Only moderators can do that.");
        return writer;
    }

    protected Task<bool> IsAdminAsync(User user) => Users.IsInRoleAsync(user, Roles.Admin);

    protected User? Refuse(int status, string message)
    {
        Refusal = message;
        Response.StatusCode = status;
        return null;
    }

    protected PageResult Answer(int status, string message)
    {
        Refuse(status, message);
        return Page();
    }

    /// <summary>A reason as stored: trimmed, null when empty.</summary>
    protected static string? Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
}
