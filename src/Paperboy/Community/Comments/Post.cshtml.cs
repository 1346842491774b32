using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Community.Accounts;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Comments;

/// <summary>
/// <c>POST /comments</c> with <c>paper</c> (an arXiv id), <c>body</c> (Markdown) and, for a reply, <c>parent</c>
/// (a comment id of the same paper). Success goes back to the paper page at the new comment.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Comments)]
public sealed class PostModel(Members members, CommentService comments) : CommentWriteModel
{
    public string? Paper { get; private set; }
    public long? Parent { get; private set; }

    public IActionResult OnGet() => Redirect("/papers");

    public async Task<IActionResult> OnPostAsync([FromForm] string? paper, [FromForm] long? parent, [FromForm] string? body,
        CancellationToken ct)
    {
        Returned = body;
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        // A parent that is not a number must not turn the reply into a top-level comment.
        if (!ModelState.IsValid) return Refuse(StatusCodes.Status400BadRequest, "The comment you are replying to is not a comment number.");
        if (!ArxivId.TryParse(paper ?? "", out var id)) return Refuse(StatusCodes.Status400BadRequest, "That is not an arXiv id.");
        var paperId = await comments.OpenPaperAsync(id, ct);
        if (paperId is null) return Refuse(StatusCodes.Status404NotFound, CommentService.NotOnFeed);
        (Paper, Parent, PaperUrl) = (id, parent, PaperLinks.Page(id));
        if (parent is { } parentId && await comments.ReplyRefusalAsync(paperId.Value, parentId, ct) is { } badParent)
            return Refuse(StatusCodes.Status400BadRequest, badParent);
        var (text, bad) = CommentText.Check(body);
        if (bad is not null) return Refuse(StatusCodes.Status400BadRequest, bad);
        var posted = await comments.PostAsync(writer.Id, paperId.Value, parent, text, ct);
        if (posted is null) return Refuse(StatusCodes.Status404NotFound, CommentService.NotOnFeed);
        return LocalRedirect($"{PaperLinks.Page(id)}#c{posted}");
    }
}
