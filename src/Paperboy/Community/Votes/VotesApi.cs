using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Tokens;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Community.Votes;

/// <summary>A member's vote on a paper after a write: whether they upvote it now, and its upvotes in all.</summary>
/// <param name="Paper">The canonical arXiv id.</param>
/// <param name="Voted">True when the caller upvotes the paper now.</param>
/// <param name="Upvotes">The paper's upvote count, as <c>upvotes</c> in <c>/api/papers/{id}</c>.</param>
public sealed record VoteAnswer(string Paper, bool Voted, int Upvotes);

/// <summary>
/// <c>POST</c> and <c>DELETE /api/papers/{id}/upvote</c> with a token of scope <c>vote</c>. Each states the
/// wanted vote, so repeating one changes nothing; the answer is the same shape as the vote form's JSON.
/// </summary>
public static class VotesApi
{
    public static IEndpointRouteBuilder MapVotesApi(this IEndpointRouteBuilder app)
    {
        var upvote = app.MapGroup("/api/papers/{id}/upvote").WithTags("Votes")
            .RequireScope(ApiScopes.Vote).RequireRateLimiting(RateLimits.Votes);
        upvote.MapPost("", (string id, ClaimsPrincipal user, Members members, AppDbContext db, VoteService votes, CancellationToken ct) =>
                SetAsync(id, true, user, members, db, votes, ct))
            .WithName("UpvotePaper")
            .WithSummary("Upvote a paper")
            .WithDescription("Upvotes a paper on the feed for the token's member. Upvoting twice is the same as once.")
            .Produces<VoteAnswer>().ProducesTokenProblems().ProducesProblem(StatusCodes.Status404NotFound);
        upvote.MapDelete("", (string id, ClaimsPrincipal user, Members members, AppDbContext db, VoteService votes, CancellationToken ct) =>
                SetAsync(id, false, user, members, db, votes, ct))
            .WithName("WithdrawUpvote")
            .WithSummary("Withdraw an upvote")
            .WithDescription("Takes back the token's member's upvote on a paper; without one, nothing changes.")
            .Produces<VoteAnswer>().ProducesTokenProblems().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<JsonHttpResult<VoteAnswer>, ProblemHttpResult>> SetAsync(string id, bool up, ClaimsPrincipal user,
        Members members, AppDbContext db, VoteService votes, CancellationToken ct)
    {
        var (writer, refusal) = await ApiWrites.WriterAsync(members, user);
        if (writer is null) return refusal!;
        if (!ApiWrites.TryPaperId(id, out var arxivId)) return ApiWrites.NotFound($"No paper with id '{id}'.");
        var paperId = await db.Papers.Where(p => p.ArxivId == arxivId).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        // Null for a paper that is not on the feed or is hidden, as on the vote form.
        var result = paperId is null ? null : await votes.SetAsync(writer.Id, paperId.Value, up, ct);
        if (result is null) return ApiWrites.NotFound($"The paper '{arxivId}' is not on the feed, so it cannot be voted on.");
        return TypedResults.Json(new VoteAnswer(arxivId, result.Voted, result.Upvotes), CommunityJson.Api.VoteAnswer);
    }
}
