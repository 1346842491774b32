using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Trending;
using Paperboy.Data;

namespace Paperboy.Community.Comments;

/// <summary>
/// Writes comments. The comment row and its entry's count change in one transaction, and each count change is
/// decided by the same statement that changes the row (a conditional UPDATE ... RETURNING), so two requests
/// racing to delete and hide one comment take it off the count once. Callers check who may write; the
/// statements here also name the author, so a mistaken caller still cannot touch another member's comment.
/// </summary>
public sealed class CommentService(AppDbContext db, CommentMarkdown markdown, TimeProvider clock)
{
    public const string NotOnFeed = "That paper is not on the feed, so it cannot be discussed here.";

    /// <summary>The row id of a paper that can be discussed (on the feed and not hidden), or null.</summary>
    public Task<long?> OpenPaperAsync(string arxivId, CancellationToken ct) =>
        db.DailyEntries.Where(e => e.Paper.ArxivId == arxivId && e.HiddenAt == null)
            .Select(e => (long?)e.PaperId).FirstOrDefaultAsync(ct);

    /// <summary>Why a reply to <paramref name="parentId"/> cannot go under the paper, or null when it can.</summary>
    public async Task<string?> ReplyRefusalAsync(long paperId, long parentId, CancellationToken ct)
    {
        var replyTo = await db.Comments.Where(c => c.Id == parentId)
            .Select(c => new { c.PaperId, c.DeletedAt, c.HiddenAt }).FirstOrDefaultAsync(ct);
        if (replyTo is null || replyTo.PaperId != paperId) return "The comment you are replying to is not a comment on this paper.";
        if (replyTo.DeletedAt is not null || replyTo.HiddenAt is not null) return "The comment you are replying to has been removed.";
        return null;
    }

    /// <summary>
    /// Adds a comment (a reply when <paramref name="parentId"/> is set) and counts it. Null when the paper is not
    /// on the feed or hidden; the caller has checked that the parent is a visible comment of the same paper.
    /// </summary>
    /// <remarks>
    /// A retry after a lost connection may follow a commit whose acknowledgement was lost: a retry first looks for
    /// the earlier attempt's comment (same author, paper, parent, text and creation time, fixed once for all
    /// attempts) and does not add it again.
    /// </remarks>
    public Task<long?> PostAsync(long userId, long paperId, long? parentId, string body, CancellationToken ct)
    {
        var html = markdown.Render(body);
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10)); // whole microseconds, as PostgreSQL stores it, so the lookup matches
        var attempts = 0;
        return Transactions.RunAsync(db, async t =>
        {
            if (++attempts > 1 && await db.Comments
                    .Where(c => c.PaperId == paperId && c.UserId == userId && c.ParentId == parentId && c.CreatedAt == now && c.Body == body)
                    .Select(c => (long?)c.Id).FirstOrDefaultAsync(t) is { } stored)
                return stored;
            var listed = await db.DailyEntries.AnyAsync(e => e.PaperId == paperId && e.HiddenAt == null, t);
            if (!listed) return null;
            var comment = new Comment
            {
                PaperId = paperId, UserId = userId, ParentId = parentId, Body = body, Html = html,
                CreatedAt = now,
            };
            db.Comments.Add(comment);
            await db.SaveChangesAsync(t);
            await EntryCounts.AdjustAsync(db, paperId, 0, 1, t);
            return (long?)comment.Id;
        }, ct);
    }

    /// <summary>Replaces the text of the author's own comment, unless it is deleted or hidden. False when nothing matched.</summary>
    public async Task<bool> EditAsync(long commentId, long userId, string body, CancellationToken ct)
    {
        var html = markdown.Render(body);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Comments
            .Where(c => c.Id == commentId && c.UserId == userId && c.DeletedAt == null && c.HiddenAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Body, body).SetProperty(c => c.Html, html).SetProperty(c => c.EditedAt, now), ct) == 1;
    }

    /// <summary>
    /// Deletes the author's own comment: the row stays (replies hang off it) without its text. A comment that
    /// was still counted leaves the count. Deleting twice changes nothing the second time.
    /// </summary>
    public Task<bool> DeleteAsync(long commentId, long userId, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var (conn, tx) = Transactions.Ado(db);
            await using var cmd = Sql.Command(conn, tx,
                "UPDATE comments SET \"DeletedAt\" = @at, \"Body\" = '', \"Html\" = '' " +
                "WHERE \"Id\" = @id AND \"UserId\" = @u AND \"DeletedAt\" IS NULL RETURNING \"PaperId\", \"HiddenAt\"");
            Sql.Add(cmd, "@at", clock.GetUtcNow().UtcDateTime);
            Sql.Add(cmd, "@id", commentId);
            Sql.Add(cmd, "@u", userId);
            long paperId;
            bool wasCounted;
            await using (var r = await cmd.ExecuteReaderAsync(t))
            {
                if (!await r.ReadAsync(t)) return false;
                paperId = r.GetInt64(0);
                wasCounted = r.IsDBNull(1);
            }
            if (wasCounted) await EntryCounts.AdjustAsync(db, paperId, 0, -1, t);
            return true;
        }, ct);
}
