using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Tokens;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Comments;

/// <summary>The body of <c>POST /api/papers/{id}/comments</c>.</summary>
/// <param name="Body">The comment in Markdown, at most <see cref="CommentRules.MaxLength"/> characters.</param>
/// <param name="ParentId">For a reply: the id of a visible comment on the same paper.</param>
public sealed record CommentRequest(string? Body, long? ParentId);

/// <summary>
/// One comment in the API. A removed comment (deleted, or hidden by a moderator) that still has replies shown is
/// listed only to hold them up: <c>removed</c> is true and it has no author or text.
/// </summary>
/// <param name="Body">The Markdown as its author wrote it.</param>
/// <param name="Html">The sanitised HTML the site shows for it.</param>
public sealed record ApiComment(long Id, long? ParentId, string? Author, string? Body, string? Html, DateTime CreatedAt,
    DateTime? EditedAt, bool Removed);

/// <summary>A paper's discussion in thread order: oldest first, each reply after its parent.</summary>
/// <param name="NumComments">The visible comments, as <c>numComments</c> counts them in <c>/api/daily_papers</c> for local comments.</param>
public sealed record ApiCommentThread(string Paper, int NumComments, List<ApiComment> Comments);

/// <summary>
/// <c>GET /api/papers/{id}/comments</c> (public: the thread as an anonymous reader sees it) and
/// <c>POST /api/papers/{id}/comments</c> with a token of scope <c>comment</c>, under the comment form's rules.
/// Hugging Face has no public comments API, so these shapes are Paperboy's own.
/// </summary>
public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var comments = app.MapGroup("/api/papers/{id}/comments").WithTags("Comments");
        comments.MapGet("", ThreadAsync)
            .WithName("ListComments")
            .WithSummary("List a paper's comments")
            .WithDescription("The paper's discussion as anyone sees it, in thread order. No token needed.")
            .Produces<ApiCommentThread>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        comments.MapPost("", PostAsync)
            .RequireScope(ApiScopes.Comment).RequireRateLimiting(RateLimits.Comments)
            .WithName("PostComment")
            .WithSummary("Comment on a paper")
            .WithDescription("Body: {\"body\": \"Markdown\", \"parentId\": 12} (parentId only for a reply). 201 with the comment; " +
                "Location is its place on the paper page.")
            .Accepts<CommentRequest>("application/json")
            .Produces<ApiComment>(StatusCodes.Status201Created)
            .ProducesTokenProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<JsonHttpResult<ApiCommentThread>, ProblemHttpResult>> ThreadAsync(string id, Discussions discussions,
        CancellationToken ct)
    {
        var discussion = ApiWrites.TryPaperId(id, out var arxivId)
            // Read as nobody in particular: the same thread for every caller, hidden comments left out.
            ? await discussions.LoadAsync(arxivId, new ClaimsPrincipal(), ct)
            : null;
        if (discussion is null || discussion.PaperHidden) return ApiWrites.NotFound($"No paper on the feed with id '{id}'.");
        var list = discussion.Comments.Select(c => c.Placeholder
            ? new ApiComment(c.Id, c.ParentId, null, null, null, c.CreatedAt, null, Removed: true)
            : new ApiComment(c.Id, c.ParentId, c.Author, c.Body, c.Html, c.CreatedAt, c.EditedAt, Removed: false)).ToList();
        return TypedResults.Json(new ApiCommentThread(arxivId, discussion.VisibleCount, list), CommunityJson.Api.ApiCommentThread);
    }

    private static async Task<Results<JsonHttpResult<ApiComment>, ProblemHttpResult>> PostAsync(string id, HttpContext http,
        ClaimsPrincipal user, Members members, CommentService comments, AppDbContext db, CancellationToken ct)
    {
        var (writer, refusal) = await ApiWrites.WriterAsync(members, user);
        if (writer is null) return refusal!;
        if (!ApiWrites.TryPaperId(id, out var arxivId)) return ApiWrites.NotFound($"No paper with id '{id}'.");
        var paperId = await comments.OpenPaperAsync(arxivId, ct);
        if (paperId is null) return ApiWrites.NotFound(CommentService.NotOnFeed);
        var (request, bad) = await ApiWrites.ReadJsonAsync(http.Request, CommunityJson.Api.CommentRequest, ct);
        if (request is null) return bad!;
        if (request.ParentId is { } parentId && await comments.ReplyRefusalAsync(paperId.Value, parentId, ct) is { } badParent)
            return ApiWrites.BadRequest(badParent);
        var (text, badText) = CommentText.Check(request.Body);
        if (badText is not null) return ApiWrites.BadRequest(badText);
        var posted = await comments.PostAsync(writer.Id, paperId.Value, request.ParentId, text, ct);
        if (posted is null) return ApiWrites.NotFound(CommentService.NotOnFeed);

        var row = await db.Comments.AsNoTracking().FirstAsync(c => c.Id == posted, ct);
        http.Response.Headers.Location = $"{PaperLinks.Page(arxivId)}#c{row.Id}";
        return TypedResults.Json(new ApiComment(row.Id, row.ParentId, writer.UserName, row.Body, row.Html, row.CreatedAt, row.EditedAt, Removed: false),
            CommunityJson.Api.ApiComment, statusCode: StatusCodes.Status201Created);
    }
}
