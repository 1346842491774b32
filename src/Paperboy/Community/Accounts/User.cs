using Microsoft.AspNetCore.Identity;

namespace Paperboy.Community.Accounts;

/// <summary>A member of the site. Identity keeps the password hash, lockout and confirmation state.</summary>
public sealed class User : IdentityUser<long>
{
    public DateTime CreatedAt { get; set; }

    /// <summary>When a moderator banned the user; a banned user can sign in to read but not write.</summary>
    public DateTime? BannedAt { get; set; }
    public string? BanReason { get; set; }

    public bool IsBanned => BannedAt is not null;
}

/// <summary>A role: <see cref="Roles.Admin"/> or <see cref="Roles.Moderator"/>.</summary>
public sealed class Role : IdentityRole<long>
{
    public Role() { }
    public Role(string name) : base(name) { }
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Moderator = "moderator";

    /// <summary>Who may hide papers and comments and ban users.</summary>
    public const string Moderators = Admin + "," + Moderator;
}
