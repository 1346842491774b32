using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Community.Profiles;

/// <summary>What anyone may know about a member: name and join date. Never the email address.</summary>
public sealed record PublicMember(long Id, string UserName, DateTime CreatedAt)
{
    /// <summary>The member named in a URL, matched as sign-in matches names (case-insensitively); null when unknown.</summary>
    public static Task<PublicMember?> FindAsync(AppDbContext db, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64) return Task.FromResult<PublicMember?>(null);
        var normalized = name.ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new PublicMember(u.Id, u.UserName!, u.CreatedAt)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The signed-in member's id from the cookie, for "is this mine" on pages that only read.</summary>
    public static long? ViewerId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
