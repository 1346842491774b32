using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Paperboy.Data;

namespace Paperboy.Papers;

/// <summary><c>/api/daily_papers</c> and <c>/api/papers/{id}</c>, in Hugging Face's shapes.</summary>
public static class PapersApi
{
    private const string Json = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapPapersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Papers");
        api.MapGet("/daily_papers", DailyPapers).WithName("DailyPapers")
            .WithSummary("The daily list, as Hugging Face's /api/daily_papers")
            .WithDescription("At most one of date (YYYY-MM-DD), week (YYYY-Www) and month (YYYY-MM); without one, the latest day " +
                             "with entries. submitter: one user's entries. sort: publishedAt, trending or upvotes (the default). " +
                             "p: the page from 0; limit: 1-100 (50).")
            .Produces<List<HfDailyPaper>>(contentType: "application/json");
        api.MapGet("/papers", AllPapers).WithName("AllPapers")
            .WithSummary("Every paper, a page at a time")
            .WithDescription("limit: 1-100 (50). The next page's address is in the Link header (rel=\"next\"); pass its " +
                             "cursor unchanged. The last page has no Link header.");
        // A catch-all, because old-style ids contain a slash: /api/papers/hep-th/9901001.
        api.MapGet("/papers/{**id}", PaperById).WithName("PaperById")
            .WithSummary("One paper, as Hugging Face's /api/papers/{id}")
            .WithDescription("The id in any spelling: 2401.00001, 2401.00001v2, arXiv:2401.00001, hep-th/9901001.");
        return app;
    }

    /// <summary>
    /// Hugging Face's daily list (see <see cref="DailyPapersQuery"/> for the parameters). The answer is cached as
    /// bytes for a few seconds (see <see cref="FeedResponseCache"/>), so a busy feed costs one query per key every
    /// few seconds.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DailyPapers(
        string? date, string? week, string? month, string? submitter, string? sort, string? limit, string? p,
        AppDbContext db, FeedResponseCache cache)
    {
        if (!DailyPapersQuery.TryParse(date, week, month, submitter, sort, limit, p, out var query, out var error))
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        // The load runs without the request's token: other requests may be waiting on the same result.
        var bytes = await cache.GetOrAddAsync("daily|" + query.Key, () => LoadAsync(db, query, CancellationToken.None));
        return TypedResults.Bytes(bytes, Json);
    }

    public static async Task<Results<JsonHttpResult<HfPaper>, ProblemHttpResult>> PaperById(
        string id, AppDbContext db, CancellationToken ct)
    {
        var view = ArxivId.TryParse(Uri.UnescapeDataString(id), out var canonical)
            ? await FeedQueries.PaperAsync(db, canonical, ct)
            : null;
        // A paper whose feed entry a moderator hid is not in the API, as it is in no list.
        return view is null || view.Feed is { Hidden: true }
            ? TypedResults.Problem($"No paper with id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : TypedResults.Json(HfMapping.ToPaper(view), HfJsonContext.Api.HfPaper);
    }

    /// <summary>
    /// Every paper, oldest row first, a page at a time: <c>?limit=1..100&amp;cursor=</c>. The next page's address is in
    /// a <c>Link: &lt;...&gt;; rel="next"</c> header, as in Hugging Face's own listings; the last page has none. Papers
    /// arriving while a client pages are appended at the end, so a full walk misses none.
    /// </summary>
    public static async Task<Results<JsonHttpResult<List<HfPaper>>, ProblemHttpResult>> AllPapers(
        string? cursor, string? limit, AppDbContext db, PaperCursor cursors, HttpResponse response, CancellationToken ct)
    {
        if (!Web.QueryLimit.TryParse(limit, DailyPapersQuery.DefaultLimit, DailyPapersQuery.MaxLimit, out var take, out var error))
            return Bad(error);
        long after = 0;
        if (cursor is not null && !cursors.TryRead(cursor, out after))
            return Bad("cursor was not issued by this site: use the address in the previous page's Link header, or leave cursor out to start.");

        // One row more than asked says whether a next page exists. A paper whose feed entry a moderator hid is in no list.
        var ids = await db.Papers.AsNoTracking()
            .Where(p => p.Id > after && !db.DailyEntries.Any(e => e.PaperId == p.Id && e.HiddenAt != null))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(take + 1).ToListAsync(ct);
        var page = ids.Take(take).ToList();
        if (ids.Count > take)
            response.Headers.Link = $"</api/papers?limit={take}&cursor={cursors.Issue(page[^1])}>; rel=\"next\"";
        var papers = await PaperCards.LoadAsync(db, page, ct);
        return TypedResults.Json(papers.Select(HfMapping.ToPaper).ToList(), HfJsonContext.Api.ListHfPaper);
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static async Task<byte[]> LoadAsync(AppDbContext db, DailyPapersQuery query, CancellationToken ct)
    {
        var period = query.Period;
        if (query.LatestDay && await FeedQueries.LatestDayAsync(db, ct) is { } latest) period = FeedPeriod.Day(latest);
        var skip = (long)query.Page * query.Limit;
        var filters = FeedRequest.Default with { Submitter = query.Submitter };
        var views = period is null ? [] : await FeedQueries.ListAsync(db, period, filters, query.Sort, (int)skip, query.Limit, ct);
        return JsonSerializer.SerializeToUtf8Bytes(views.Select(HfMapping.ToDailyPaper).ToList(), HfJsonContext.Api.ListHfDailyPaper);
    }
}
