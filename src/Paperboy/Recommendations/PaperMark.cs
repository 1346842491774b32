namespace Paperboy.Recommendations;

public enum PaperMarkKind
{
    /// <summary>The member asked not to be shown papers like this one.</summary>
    NotInterested,

    /// <summary>Picked on the welcome page as an example of what the member wants to read.</summary>
    Example,
}

/// <summary>
/// A member's mark on one paper, at most one per paper (key (UserId, PaperId)): the latest of "not interested" and
/// "an example of what I like" replaces the other.
/// </summary>
public sealed class PaperMark
{
    public long UserId { get; set; }
    public long PaperId { get; set; }
    public PaperMarkKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
}
