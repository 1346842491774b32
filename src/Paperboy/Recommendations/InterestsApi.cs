using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Paperboy.Community.Accounts;
using Paperboy.Community.Tokens;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Recommendations;

/// <summary>A follow in the API.</summary>
/// <param name="Kind">"author" or "category".</param>
/// <param name="Value">The author as given (trimmed), or the category in arXiv's spelling.</param>
/// <param name="Name">A category's name in words, when arXiv's taxonomy knows it; null for authors.</param>
/// <param name="Following">True after a follow (and in lists), false after an unfollow.</param>
/// <param name="Since">When the member started following; null after an unfollow.</param>
public sealed record FollowAnswer(string Kind, string Value, string? Name, bool Following, DateTime? Since);

/// <summary>A follow to make: <c>{"kind": "author", "value": "Geoffrey Hinton"}</c> or <c>{"kind": "category", "value": "cs.CL"}</c>.</summary>
public sealed record FollowRequest(string? Kind, string? Value);

/// <summary>A marked paper in the API.</summary>
public sealed record MarkAnswer(string Paper, string Title, DateTime Since);

/// <summary>A member's interests: follows, papers marked not interested, and papers picked as examples (the newest 500 of each).</summary>
public sealed record InterestsAnswer(List<FollowAnswer> Follows, List<MarkAnswer> NotInterested, List<MarkAnswer> Examples);

/// <summary>A paper's "not interested" mark after a write.</summary>
public sealed record NotInterestedAnswer(string Paper, bool NotInterested);

/// <summary>
/// The interests API, token only like every API write: <c>POST</c>/<c>DELETE /api/papers/{id}/not-interested</c>
/// (scope <c>vote</c>: a reaction to one paper, like an upvote), and <c>GET /api/me/interests</c>,
/// <c>PUT</c>/<c>DELETE /api/me/follows</c> (scope <c>interests</c>). Every write states the wanted state, so
/// repeating one changes nothing.
/// </summary>
public static class InterestsApi
{
    public static IEndpointRouteBuilder MapInterestsApi(this IEndpointRouteBuilder app)
    {
        var mark = app.MapGroup("/api/papers/{id}/not-interested").WithTags("Interests")
            .RequireScope(ApiScopes.Vote).RequireRateLimiting(RateLimits.Votes);
        mark.MapPost("", (string id, ClaimsPrincipal user, Members members, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                MarkAsync(id, true, user, members, db, clock, ct))
            .WithName("MarkNotInterested")
            .WithSummary("Say you are not interested in a paper")
            .WithDescription("Keeps papers like this one out of the token's member's picks (the paper stays on every list). " +
                "Replaces the paper's example mark, if any. Marking twice is the same as once.")
            .Produces<NotInterestedAnswer>().ProducesTokenProblems().ProducesProblem(StatusCodes.Status404NotFound);
        mark.MapDelete("", (string id, ClaimsPrincipal user, Members members, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                MarkAsync(id, false, user, members, db, clock, ct))
            .WithName("UndoNotInterested")
            .WithSummary("Take back \"not interested\"")
            .WithDescription("Removes the token's member's \"not interested\" mark on a paper; without one, nothing changes.")
            .Produces<NotInterestedAnswer>().ProducesTokenProblems().ProducesProblem(StatusCodes.Status404NotFound);

        var me = app.MapGroup("/api/me").WithTags("Interests").RequireScope(ApiScopes.Interests);
        me.MapGet("/interests", ListAsync)
            .WithName("ListInterests")
            .WithSummary("List your interests")
            .WithDescription("The authors and categories the token's member follows, and the papers they marked not interested " +
                "or picked as examples, newest first (at most 500 of each kind of mark).")
            .Produces<InterestsAnswer>().ProducesTokenProblems();
        me.MapPut("/follows", FollowAsync).RequireRateLimiting(RateLimits.Other)
            .WithName("Follow")
            .WithSummary("Follow an author or a category")
            .WithDescription("Body: {\"kind\": \"author\", \"value\": \"Geoffrey Hinton\"} or {\"kind\": \"category\", \"value\": \"cs.CL\"}. " +
                "Authors are matched ignoring case and accents, as the search's author: filter does; a category such as cs " +
                "means all of it. Following twice is the same as once.")
            .Accepts<FollowRequest>("application/json")
            .Produces<FollowAnswer>().ProducesTokenProblems().ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapDelete("/follows", UnfollowAsync).RequireRateLimiting(RateLimits.Other)
            .WithName("Unfollow")
            .WithSummary("Stop following an author or a category")
            .WithDescription("Query: ?kind=author|category&value=... Without such a follow, nothing changes.")
            .Produces<FollowAnswer>().ProducesTokenProblems().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<JsonHttpResult<NotInterestedAnswer>, ProblemHttpResult>> MarkAsync(string id, bool mark,
        ClaimsPrincipal user, Members members, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (writer, refusal) = await ApiWrites.WriterAsync(members, user);
        if (writer is null) return refusal!;
        if (!ApiWrites.TryPaperId(id, out var arxivId)) return ApiWrites.NotFound($"No paper with id '{id}'.");
        if (await Interests.MarkablePaperAsync(db, arxivId, ct) is not { } paperId) return ApiWrites.NotFound($"No paper with id '{arxivId}'.");
        if (mark) await Interests.MarkAsync(db, writer.Id, paperId, PaperMarkKind.NotInterested, clock.GetUtcNow().UtcDateTime, ct);
        else await Interests.UnmarkAsync(db, writer.Id, paperId, PaperMarkKind.NotInterested, ct);
        return TypedResults.Json(new NotInterestedAnswer(arxivId, mark), InterestsJson.Api.NotInterestedAnswer);
    }

    private static async Task<JsonHttpResult<InterestsAnswer>> ListAsync(HttpContext http, ClaimsPrincipal user, AppDbContext db,
        CancellationToken ct)
    {
        var list = await Interests.ListAsync(db, UserId(user), ct);
        // One member's list: no shared cache may keep a copy.
        http.Response.Headers.CacheControl = "private, no-cache";
        List<MarkAnswer> Marks(PaperMarkKind kind) =>
            list.Marks.Where(m => m.Kind == kind).Select(m => new MarkAnswer(m.Paper.ArxivId, m.Paper.Title, m.At)).ToList();
        return TypedResults.Json(new InterestsAnswer(
            list.Follows.Select(f => new FollowAnswer(FollowTarget.Name(f.Kind), f.Value, f.Name, true, f.Since)).ToList(),
            Marks(PaperMarkKind.NotInterested), Marks(PaperMarkKind.Example)), InterestsJson.Api.InterestsAnswer);
    }

    private static async Task<Results<JsonHttpResult<FollowAnswer>, ProblemHttpResult>> FollowAsync(HttpRequest request,
        ClaimsPrincipal user, Members members, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (writer, refusal) = await ApiWrites.WriterAsync(members, user);
        if (writer is null) return refusal!;
        var (body, bad) = await ApiWrites.ReadJsonAsync(request, InterestsJson.Api.FollowRequest, ct);
        if (body is null) return bad!;
        if (!FollowTarget.TryParse(body.Kind, body.Value, out var target, out var error)) return ApiWrites.BadRequest(error);
        var now = clock.GetUtcNow().UtcDateTime;
        await Interests.FollowAsync(db, writer.Id, target, now, ct);
        // The stored follow, which may be an earlier spelling of the same author ("Kovač" for "kovac").
        var stored = await Interests.FindFollowAsync(db, writer.Id, target, ct);
        return TypedResults.Json(Answer(target, stored?.Value ?? target.Value, true, stored?.Since ?? now), InterestsJson.Api.FollowAnswer);
    }

    private static async Task<Results<JsonHttpResult<FollowAnswer>, ProblemHttpResult>> UnfollowAsync([FromQuery] string? kind,
        [FromQuery] string? value, ClaimsPrincipal user, Members members, AppDbContext db, CancellationToken ct)
    {
        var (writer, refusal) = await ApiWrites.WriterAsync(members, user);
        if (writer is null) return refusal!;
        if (!FollowTarget.TryParse(kind, value, out var target, out var error)) return ApiWrites.BadRequest(error);
        await Interests.UnfollowAsync(db, writer.Id, target, ct);
        return TypedResults.Json(Answer(target, target.Value, false, null), InterestsJson.Api.FollowAnswer);
    }

    private static FollowAnswer Answer(FollowTarget target, string value, bool following, DateTime? since) =>
        new(FollowTarget.Name(target.Kind), value, target.Kind == FollowKind.Category ? Import.OaiPmh.ArxivSubjects.Name(value) : null,
            following, since);

    // The scope filter lets only token requests through, and a token names its member.
    private static long UserId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
}

/// <summary>The interests API's JSON: camelCase, times as the Hugging Face shapes write them, nulls written out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(HfDateTimeConverter)])]
[JsonSerializable(typeof(FollowAnswer))]
[JsonSerializable(typeof(FollowRequest))]
[JsonSerializable(typeof(InterestsAnswer))]
[JsonSerializable(typeof(NotInterestedAnswer))]
public sealed partial class InterestsJson : JsonSerializerContext
{
    public static InterestsJson Api => s_api ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    private static InterestsJson? s_api;
}
