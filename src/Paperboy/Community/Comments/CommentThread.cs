namespace Paperboy.Community.Comments;

/// <summary>A comment row as read for a page, before the thread is arranged.</summary>
public sealed record CommentRow(long Id, long? ParentId, long UserId, string Author, string Body, string Html,
    DateTime CreatedAt, DateTime? EditedAt, DateTime? DeletedAt, DateTime? HiddenAt);

/// <summary>Arranges a paper's comments into the order and depths a page shows them in.</summary>
public static class CommentThread
{
    /// <summary>
    /// Depth-first, oldest first at every level, so a reply sits under its parent. Depth stops at
    /// <see cref="CommentRules.MaxDepth"/>: deeper replies are drawn at that depth, still after their parent.
    /// Moderators see hidden comments in full; everyone else sees a removed (deleted or hidden) comment only as
    /// a placeholder, and only when some reply below it is shown.
    /// </summary>
    public static List<CommentItem> Arrange(IReadOnlyList<CommentRow> rows, Viewer viewer)
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        var children = rows.Where(r => r.ParentId is { } p && ids.Contains(p)).ToLookup(r => r.ParentId!.Value);
        var ordered = rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList();
        var result = new List<CommentItem>();
        foreach (var root in ordered.Where(r => r.ParentId is not { } p || !ids.Contains(p)))
            result.AddRange(Subtree(root, 0, children, viewer));
        return result;
    }

    private static List<CommentItem> Subtree(CommentRow row, int depth, ILookup<long, CommentRow> children, Viewer viewer)
    {
        var below = new List<CommentItem>();
        foreach (var child in children[row.Id].OrderBy(r => r.CreatedAt).ThenBy(r => r.Id))
            below.AddRange(Subtree(child, Math.Min(depth + 1, CommentRules.MaxDepth), children, viewer));
        var state = row.DeletedAt is not null ? CommentState.Deleted : row.HiddenAt is not null ? CommentState.Hidden : CommentState.Visible;
        var placeholder = state == CommentState.Deleted || (state == CommentState.Hidden && !viewer.IsModerator);
        if (placeholder && below.Count == 0) return below;
        var mine = viewer.Id == row.UserId;
        var item = placeholder
            ? new CommentItem(row.Id, row.ParentId, depth, null, row.CreatedAt, null, state, true, "", "", false)
            : new CommentItem(row.Id, row.ParentId, depth, row.Author, row.CreatedAt, row.EditedAt, state, false, row.Html, row.Body, mine);
        below.Insert(0, item);
        return below;
    }
}
