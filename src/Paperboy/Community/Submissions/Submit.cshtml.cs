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
        if (!PaperInput.TryParse(Paper, out var id)) return Refuse(StatusCodes.Status400BadRequest, SubmitWording.NotAnId);

        var result = await submissions.SubmitAsync(writer, id, await members.IsModeratorAsync(writer), ct);
        if (result.Status == SubmitStatus.Submitted) return LocalRedirect(PaperLinks.Page(id));
        if (result.Status == SubmitStatus.AlreadyOnFeed) Existing = result;
        var (status, message) = SubmitWording.Refusal(result, options.MaxAgeDays);
        return Refuse(status, message);
    }

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
