namespace Paperboy.Community.Comments;

/// <summary>
/// A comment on a paper, or a reply to another comment (<see cref="ParentId"/>). <see cref="Html"/> is the
/// sanitised rendering of <see cref="Body"/>, made once on write so that reads never run Markdown.
/// Deleted comments keep their row (replies hang off them) but lose their text.
/// </summary>
public sealed class Comment
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public long UserId { get; set; }
    public long? ParentId { get; set; }
    public required string Body { get; set; }
    public required string Html { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Hidden by a moderator: shown to nobody but moderators, not counted.</summary>
    public DateTime? HiddenAt { get; set; }

    public bool IsVisible => DeletedAt is null && HiddenAt is null;
}
