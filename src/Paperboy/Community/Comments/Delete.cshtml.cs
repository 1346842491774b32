using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Comments;

/// <summary><c>POST /comments/{id}/delete</c>: the author deletes their comment; replies to it stay.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Other)]
public sealed class DeleteModel(AppDbContext db, Members members, CommentService comments) : CommentWriteModel
{
    public IActionResult OnGet() => Redirect("/papers");

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        var comment = await (from c in db.Comments
                             where c.Id == id
                             join p in db.Papers on c.PaperId equals p.Id
                             select new { c.UserId, c.ParentId, p.ArxivId }).FirstOrDefaultAsync(ct);
        if (comment is null) return Refuse(StatusCodes.Status404NotFound, "There is no such comment.");
        PaperUrl = PaperLinks.Page(comment.ArxivId);
        if (comment.UserId != writer.Id) return Refuse(StatusCodes.Status403Forbidden, "You can only delete your own comments.");
        // Deleting an already deleted comment is done already: the answer is the same.
        await comments.DeleteAsync(id, writer.Id, ct);
        return LocalRedirect(PaperUrl + (comment.ParentId is { } parent ? $"#c{parent}" : "#comments"));
    }
}
