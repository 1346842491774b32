using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Paperboy.Data;

namespace Paperboy.Papers;

/// <summary><c>/api/daily_papers</c> and <c>/api/papers/{id}</c>, in Hugging Face's shapes.</summary>
public static class PapersApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    private const string Json = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapPapersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/daily_papers", DailyPapers);
        // A catch-all, because old-style ids contain a slash: /api/papers/hep-th/9901001.
        api.MapGet("/papers/{**id}", PaperById);
        return app;
    }

    /// <summary>
    /// <c>?date=YYYY-MM-DD&amp;limit=1..100&amp;p=0..</c>; no date means the latest day with entries. The answer
    /// is cached as bytes for a few seconds (see <see cref="FeedResponseCache"/>), so a busy feed costs one query
    /// per key every few seconds.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DailyPapers(
        string? date, string? limit, string? p, AppDbContext db, FeedResponseCache cache)
    {
        if (!TryParseQuery(date, limit, p, out var day, out var take, out var page, out var error))
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

        var key = $"{(day is { } d ? d.DayNumber : -1)}|{take}|{page}";
        // The load runs without the request's token: other requests may be waiting on the same result.
        var bytes = await cache.GetOrAddAsync(key, () => LoadDayAsync(db, day, take, page, CancellationToken.None));
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

    private static async Task<byte[]> LoadDayAsync(AppDbContext db, DateOnly? day, int take, int page, CancellationToken ct)
    {
        day ??= await FeedQueries.LatestDayAsync(db, ct);
        var skip = (long)page * take;
        var views = day is null || skip > int.MaxValue ? [] : await FeedQueries.DayAsync(db, day.Value, (int)skip, take, ct);
        return JsonSerializer.SerializeToUtf8Bytes(views.Select(HfMapping.ToDailyPaper).ToList(), HfJsonContext.Api.ListHfDailyPaper);
    }

    internal static bool TryParseQuery(string? date, string? limit, string? p, out DateOnly? day, out int take,
        out int page, out string error)
    {
        day = null;
        take = DefaultLimit;
        page = 0;
        error = "";
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                error = $"date must be a day written YYYY-MM-DD, not '{date}'.";
                return false;
            }
            day = d;
        }
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            error = $"limit must be a whole number from 1 to {MaxLimit}, not '{limit}'.";
            return false;
        }
        if (p is not null && !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page))
        {
            error = $"p (the page, counted from 0) must be a whole number of 0 or more, not '{p}'.";
            return false;
        }
        return true;
    }
}
