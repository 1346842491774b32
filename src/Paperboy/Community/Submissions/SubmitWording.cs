namespace Paperboy.Community.Submissions;

/// <summary>The status and sentence of every refused submission, the same on the submit page and in the API.</summary>
public static class SubmitWording
{
    /// <summary>The answer to any outcome but <see cref="SubmitStatus.Submitted"/>.</summary>
    public static (int Status, string Message) Refusal(SubmitResult result, int maxAgeDays) => result.Status switch
    {
        SubmitStatus.AlreadyOnFeed => (StatusCodes.Status409Conflict, "This paper is on the feed already."),
        SubmitStatus.TooOld => (StatusCodes.Status403Forbidden, result.AgeDays == int.MaxValue
            ? "This paper's publication date is unknown, so it cannot be shown to be new. A moderator can add it."
            : $"This paper was first published {result.AgeDays} days ago; members can submit papers up to {maxAgeDays} days old. A moderator can add older ones."),
        SubmitStatus.NotOnArxiv => (StatusCodes.Status404NotFound, $"There is no such paper on arXiv: {result.ArxivId}."),
        SubmitStatus.ArxivUnreachable => (StatusCodes.Status503ServiceUnavailable, "arXiv could not be reached, try again later."),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Status, "A submitted paper is not a refusal."),
    };

    public const string NotAnId =
        "That is not an arXiv id or link. Give an id such as 2103.14749 or hep-th/9901001, or a link to the paper on arxiv.org.";
}
