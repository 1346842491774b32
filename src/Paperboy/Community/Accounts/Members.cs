using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Paperboy.Community.Accounts;

/// <summary>
/// Who is asking, read fresh from the database on every write, so that a ban takes effect on the next request
/// rather than when the cookie is next validated.
/// </summary>
public sealed class Members(UserManager<User> users)
{
    public async Task<User?> CurrentAsync(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? await users.GetUserAsync(principal) : null;

    /// <summary>The signed-in member allowed to write, or why not.</summary>
    public async Task<(User? Writer, string? Refusal)> WriterAsync(ClaimsPrincipal principal)
    {
        var user = await CurrentAsync(principal);
        if (user is null) return (null, "Sign in first.");
        if (user.IsBanned) return (null, "Your account is banned: you can read but not write." +
            (string.IsNullOrEmpty(user.BanReason) ? "" : $" Reason given: {user.BanReason}"));
        return (user, null);
    }

    public Task<bool> IsModeratorAsync(User user) => IsInAnyAsync(user, Roles.Admin, Roles.Moderator);

    private async Task<bool> IsInAnyAsync(User user, params string[] roles)
    {
        foreach (var role in roles)
            if (await users.IsInRoleAsync(user, role)) return true;
        return false;
    }
}
