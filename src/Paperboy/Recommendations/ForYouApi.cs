using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Paperboy.Community.Tokens;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Recommendations;

/// <summary>
/// A pick in the API: the paper in Hugging Face's shape under <c>paper</c>, as in a daily entry, then why it was
/// picked and its score.
/// </summary>
/// <param name="Reason">A sentence such as "Like “Attention Is All You Need”, which you upvoted".</param>
/// <param name="Score">The model's score: higher is a better match; comparable only within one answer.</param>
public sealed record ForYouPick(HfPaper Paper, string Reason, double Score);

/// <summary><c>GET /api/for-you?period=week|month|all&amp;limit=N</c> with a token of scope <c>feed</c>.</summary>
public static class ForYouApi
{
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapForYouApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/for-you", ListAsync).WithTags("Recommendations")
            .RequireScope(ApiScopes.Feed)
            .WithName("ForYou")
            .WithSummary("Papers picked for you")
            .WithDescription("The token's member's picks, best first, each with the reason it was picked. period: week (default) " +
                "or month of the feed up to its latest day, or all (the whole library). limit: 1..100, default 30.")
            .Produces<List<ForYouPick>>().ProducesTokenProblems().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<JsonHttpResult<List<ForYouPick>>, ProblemHttpResult>> ListAsync(
        [FromQuery] string? period, [FromQuery] string? limit, ClaimsPrincipal user, AppDbContext db, Recommender recommender,
        CancellationToken ct)
    {
        if (!ForYouQuery.TryPeriod(period, out var p)) return Bad($"period must be week, month or all, not '{period}'.");
        if (!QueryLimit.TryParse(limit, ForYouModel.Size, MaxLimit, out var count, out var error)) return Bad(error);
        var userId = long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
        var (_, items) = await ForYouQuery.RunAsync(db, recommender, userId, p, count, ct);
        var picks = items.Select(i => new ForYouPick(HfMapping.ToPaper(i.Paper), i.Reason, Math.Round(i.Score, 4))).ToList();
        return TypedResults.Json(picks, RecommendationJson.Api.ListForYouPick);
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}
