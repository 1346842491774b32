namespace Paperboy.Community.Moderation;

/// <summary>One moderation action, kept for ever and shown on the audit log page.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>What was done, e.g. <c>hide-paper</c>, <c>ban-user</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, as a readable key: an arXiv id, a comment number, a user name.</summary>
    public required string Target { get; set; }
    public string? Reason { get; set; }
}

public static class AuditActions
{
    public const string HidePaper = "hide-paper";
    public const string ShowPaper = "show-paper";
    public const string HideComment = "hide-comment";
    public const string ShowComment = "show-comment";
    public const string BanUser = "ban-user";
    public const string UnbanUser = "unban-user";
    public const string GrantRole = "grant-role";
    public const string RevokeRole = "revoke-role";
}
