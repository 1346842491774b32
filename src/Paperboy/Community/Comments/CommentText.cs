namespace Paperboy.Community.Comments;

/// <summary>The checks every comment's text passes before it is stored, with the sentence shown when it does not.</summary>
public static class CommentText
{
    /// <summary>
    /// The text as stored (line ends made "\n", so that a browser's "\r\n" does not count twice against
    /// <see cref="CommentRules.MaxLength"/>; outer blank space trimmed), or why it is refused.
    /// </summary>
    public static (string Body, string? Refusal) Check(string? raw)
    {
        var body = (raw ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        if (body.Length == 0) return (body, "A comment cannot be empty: write something first.");
        if (body.Length > CommentRules.MaxLength)
            return (body, $"A comment has at most {CommentRules.MaxLength:N0} characters; this one has {body.Length:N0}. Shorten it and try again.");
        return (body, null);
    }
}
