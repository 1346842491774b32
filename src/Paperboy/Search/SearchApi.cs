using Microsoft.AspNetCore.Http.HttpResults;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Search;

/// <summary>
/// <c>/api/papers/search?q=&amp;limit=1..100&amp;mode=hybrid|keyword|vector</c>: results in the shape of Hugging
/// Face's paper search (entries as in its daily papers list), best first.
/// </summary>
public static class SearchApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const string ModeHeader = "X-Search-Mode";

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/papers/search", SearchAsync).WithTags("Search").WithName("SearchPapers")
            .WithSummary("Search papers, as Hugging Face's /api/papers/search")
            .WithDescription("q: plain words, \"phrases\", author:, category:, year or date ranges, has:code. limit: 1-100 (20). " +
                             $"mode: hybrid (the default), keyword or vector; the mode used is in the {ModeHeader} header.");
        return app;
    }

    public static async Task<Results<JsonHttpResult<List<HfDailyPaper>>, ProblemHttpResult>> SearchAsync(
        string? q, string? limit, string? mode, SearchService search, AppDbContext db, HttpResponse response, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
            return Bad("q (the query) is required.");
        if (!Web.QueryLimit.TryParse(limit, DefaultLimit, MaxLimit, out var take, out var error))
            return Bad(error);
        if (mode is not null && mode.ToLowerInvariant() is not ("hybrid" or "keyword" or "vector"))
            return Bad($"mode must be hybrid, keyword or vector, not '{mode}'.");
        // Hugging Face's shape has no total: none is counted.
        var results = search.Search(q, SearchModel.ParseMode(mode), take, countTotal: false);
        // Hugging Face's shape is a bare list, so the mode really used (keyword only while no vectors exist) goes in a header.
        response.Headers[ModeHeader] = results.Mode.ToString().ToLowerInvariant();
        var papers = await PaperCards.LoadAsync(db, results.Hits.Select(h => h.PaperId).ToList(), ct);
        return TypedResults.Json(papers.Select(HfMapping.ToDailyPaper).ToList(), HfJsonContext.Api.ListHfDailyPaper);
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}
