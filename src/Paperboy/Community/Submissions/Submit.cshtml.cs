using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Community.Accounts;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Submissions;

/// <summary>
/// <c>/papers/submit</c>: a member pastes an arXiv id or link and the paper goes on today's feed. Every refusal
/// is the form again with a sentence and a 4xx or 503 status, never an error page.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Submissions)]
public sealed class SubmitModel(Members members, SubmissionService submissions, SubmissionOptions options) : PageModel
{
    [BindProperty] public string? Paper { get; set; }

    public string? Error { get; private set; }

    /// <summary>Set when the paper is on the feed already: where to find it.</summary>
    public SubmitResult? Existing { get; private set; }

    public int MaxAgeDays => options.MaxAgeDays;

    public void OnGet([FromQuery] string? id) => Paper = id;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return Refuse(StatusCodes.Status403Forbidden, refusal!);
        if (string.IsNullOrWhiteSpace(Paper))
            return Refuse(StatusCodes.Status400BadRequest, "Paste an arXiv id or a link to the paper.");
        if (!PaperInput.TryParse(Paper, out var id))
            return Refuse(StatusCodes.Status400BadRequest,
                "That is not an arXiv id or link. Paste an id such as 2103.14749 or hep-th/9901001, or a link to the paper on arxiv.org.");

        var result = await submissions.SubmitAsync(writer, id, await members.IsModeratorAsync(writer), ct);
        switch (result.Status)
        {
            case SubmitStatus.Submitted:
                return LocalRedirect(PaperLinks.Page(id));
            case SubmitStatus.AlreadyOnFeed:
                Existing = result;
                return Refuse(StatusCodes.Status409Conflict, "This paper is on the feed already.");
            case SubmitStatus.TooOld:
                return Refuse(StatusCodes.Status403Forbidden, result.AgeDays == int.MaxValue
                    ? "This paper's publication date is unknown, so it cannot be shown to be new. A moderator can add it."
                    : $"This paper was first published {result.AgeDays} days ago; members can submit papers up to {options.MaxAgeDays} days old. A moderator can add older ones.");
            case SubmitStatus.NotOnArxiv:
                return Refuse(StatusCodes.Status404NotFound, $"There is no such paper on arXiv: {id}.");
            default:
                return Refuse(StatusCodes.Status503ServiceUnavailable, "arXiv could not be reached, try again later.");
        }
    }

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
