using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paperboy.Community.Comments;

/// <summary>
/// What the comment write pages share: a refused write answers with its status and a page saying why, and
/// gives back the text the member wrote so that nothing typed is lost.
/// </summary>
public abstract class CommentWriteModel : PageModel
{
    public string? Message { get; private set; }

    /// <summary>The paper the comment belongs to, for the "back" link; null when unknown.</summary>
    public string? PaperUrl { get; protected set; }

    /// <summary>The text sent, shown again in a form when the write may be tried again.</summary>
    public string? Returned { get; protected set; }

    protected PageResult Refuse(int status, string message)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
