namespace Paperboy.Community.Comments;

/// <summary>Who is looking at a page, as far as comments and moderation care; read fresh on every request.</summary>
public sealed record Viewer(long? Id, string? Name, bool IsModerator, bool IsBanned)
{
    public static readonly Viewer Anonymous = new(null, null, false, false);
    public bool SignedIn => Id is not null;
    public bool CanWrite => SignedIn && !IsBanned;
}

public enum CommentState { Visible, Hidden, Deleted }

/// <summary>
/// One comment as a page shows it, in thread order. Placeholders (a deleted comment, or a hidden one seen by a
/// non-moderator) carry no text and no author: they stay only to hold up their replies.
/// </summary>
public sealed record CommentItem(long Id, long? ParentId, int Depth, string? Author, DateTime CreatedAt, DateTime? EditedAt,
    CommentState State, bool Placeholder, string Html, string Body, bool Mine);

/// <summary>A feed entry's comments and moderation state, for the paper page.</summary>
public sealed record Discussion(string ArxivId, long PaperId, DateTime? PaperHiddenAt, Viewer Viewer, IReadOnlyList<CommentItem> Comments)
{
    public bool PaperHidden => PaperHiddenAt is not null;

    /// <summary>The comments counted on the card: neither deleted nor hidden.</summary>
    public int VisibleCount => Comments.Count(c => c.State == CommentState.Visible);
}
