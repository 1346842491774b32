using Paperboy.Papers;

namespace Paperboy.Community.Moderation;

/// <summary>Where an audit entry's target can be seen, read back from the target as the service wrote it.</summary>
public static class AuditLinks
{
    public static string? Href(AuditEntry e) => e.Action switch
    {
        AuditActions.HidePaper or AuditActions.ShowPaper => PaperLinks.Page(e.Target),
        AuditActions.HideComment or AuditActions.ShowComment => CommentHref(e.Target),
        AuditActions.BanUser or AuditActions.UnbanUser or AuditActions.GrantRole or AuditActions.RevokeRole =>
            "/admin/users/" + Uri.EscapeDataString(e.Target),
        _ => null,
    };

    /// <summary>"comment 12 on 2506.00001" is <c>/papers/2506.00001#c12</c>.</summary>
    private static string? CommentHref(string target)
    {
        var parts = target.Split(' ');
        return parts is ["comment", var id, "on", var paper] ? $"{PaperLinks.Page(paper)}#c{id}" : null;
    }
}
