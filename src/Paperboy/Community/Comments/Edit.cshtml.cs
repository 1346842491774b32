using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Comments;

/// <summary><c>POST /comments/{id}/edit</c> with <c>body</c>: the author replaces their comment's text.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Other)]
public sealed class EditModel(AppDbContext db, Members members, CommentService comments) : CommentWriteModel
{
    public long Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await PaperOfAsync(id, ct) is { } paper ? Redirect($"{PaperLinks.Page(paper)}#c{id}") : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, [FromForm] string? body, CancellationToken ct)
    {
        (Id, Returned) = (id, body);
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        var comment = await (from c in db.Comments
                             where c.Id == id
                             join p in db.Papers on c.PaperId equals p.Id
                             select new { c.UserId, c.DeletedAt, c.HiddenAt, p.ArxivId }).FirstOrDefaultAsync(ct);
        if (comment is null) return Refuse(StatusCodes.Status404NotFound, "There is no such comment.");
        PaperUrl = PaperLinks.Page(comment.ArxivId);
        if (comment.UserId != writer.Id) return Refuse(StatusCodes.Status403Forbidden, "You can only edit your own comments.");
        if (comment.DeletedAt is not null) return Refuse(StatusCodes.Status404NotFound, "That comment was deleted.");
        if (comment.HiddenAt is not null) return Refuse(StatusCodes.Status403Forbidden, "A moderator has hidden that comment; it cannot be edited.");
        var (text, bad) = CommentText.Check(body);
        if (bad is not null) return Refuse(StatusCodes.Status400BadRequest, bad);
        if (!await comments.EditAsync(id, writer.Id, text, ct))
            return Refuse(StatusCodes.Status409Conflict, "That comment changed meanwhile (deleted or hidden); it was not edited.");
        return LocalRedirect($"{PaperUrl}#c{id}");
    }

    private Task<string?> PaperOfAsync(long id, CancellationToken ct) =>
        (from c in db.Comments where c.Id == id join p in db.Papers on c.PaperId equals p.Id select p.ArxivId).FirstOrDefaultAsync(ct);
}
