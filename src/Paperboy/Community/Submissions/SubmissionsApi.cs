using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Paperboy.Community.Accounts;
using Paperboy.Community.Tokens;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Submissions;

/// <summary>The body of <c>POST /api/papers</c>.</summary>
/// <param name="Id">An arXiv id in any spelling, or a link to the paper on arXiv, Hugging Face or alphaXiv.</param>
public sealed record SubmitRequest(string? Id);

/// <summary>
/// <c>POST /api/papers</c> with a token of scope <c>submit</c>: the submit page's door for programs, with its
/// rules (<see cref="SubmissionService"/>) and its sentences (<see cref="SubmitWording"/>).
/// </summary>
public static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/papers", SubmitAsync)
            .RequireScope(ApiScopes.Submit).RequireRateLimiting(RateLimits.Submissions)
            .WithTags("Submissions")
            .WithName("SubmitPaper")
            .WithSummary("Submit a paper to today's feed")
            .WithDescription("Body: {\"id\": \"2103.14749\"} (an arXiv id, or a link to the paper). 201 with the paper as /api/papers/{id} " +
                "shows it and a Location header; 409 when it is on the feed already (the problem's 'paper' field links to it); " +
                "403 when it is older than members may submit; 404 when arXiv has no such paper; 503 when arXiv cannot be reached. " +
                "The submission counts as the submitter's upvote.")
            .Accepts<SubmitRequest>("application/json")
            .Produces<HfPaper>(StatusCodes.Status201Created)
            .ProducesTokenProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<JsonHttpResult<HfPaper>, ProblemHttpResult>> SubmitAsync(HttpContext http, ClaimsPrincipal user,
        Members members, SubmissionService submissions, SubmissionOptions options, AppDbContext db, CancellationToken ct)
    {
        var (writer, refusal) = await ApiWrites.WriterAsync(members, user);
        if (writer is null) return refusal!;
        var (body, bad) = await ApiWrites.ReadJsonAsync(http.Request, CommunityJson.Api.SubmitRequest, ct);
        if (body is null) return bad!;
        if (string.IsNullOrWhiteSpace(body.Id))
            return ApiWrites.BadRequest("Give the paper's arXiv id or link as \"id\", for example {\"id\": \"2103.14749\"}.");
        if (!PaperInput.TryParse(body.Id, out var id)) return ApiWrites.BadRequest(SubmitWording.NotAnId);

        var result = await submissions.SubmitAsync(writer, id, await members.IsModeratorAsync(writer), ct);
        if (result.Status == SubmitStatus.Submitted)
        {
            var view = await FeedQueries.PaperAsync(db, id, ct)
                ?? throw new InvalidOperationException($"The paper {id} was submitted but cannot be read back.");
            http.Response.Headers.Location = "/api/papers/" + id;
            return TypedResults.Json(HfMapping.ToPaper(view), HfJsonContext.Api.HfPaper, statusCode: StatusCodes.Status201Created);
        }
        var (status, message) = SubmitWording.Refusal(result, options.MaxAgeDays);
        return ApiWrites.Problem(status, message, result.Status == SubmitStatus.AlreadyOnFeed
            ? new Dictionary<string, object?>
            {
                ["id"] = id,
                ["day"] = result.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["paper"] = "/api/papers/" + id,
            }
            : null);
    }
}
