using Microsoft.AspNetCore.Http.HttpResults;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Syndication;

/// <summary>The feeds of the daily lists: the latest day, a given day, the trending list, and a category's latest papers.</summary>
public static class PaperListFeeds
{
    /// <summary><c>/feeds/daily.atom</c>: the latest day with entries, as <c>/papers</c> shows it (most upvoted first).</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DailyAsync([AsParameters] FeedArgs args,
        AppDbContext db, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        var day = await FeedQueries.LatestDayAsync(db, ct);
        var papers = day is { } d ? await FeedQueries.ListAsync(db, FeedPeriod.Day(d), FeedRequest.Default, FeedSort.Upvotes, 0, limit, ct) : [];
        return args.Write(format, new PaperFeed(FeedLinks.Daily,
            "The research papers of the latest day, most upvoted first.", "/papers", papers));
    }

    /// <summary><c>/feeds/daily/2025-06-02.atom</c>: one day's papers; a day without entries is an empty feed.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DayAsync(string date, [AsParameters] FeedArgs args,
        AppDbContext db, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        if (!FeedPeriod.TryParseDay(date, out var day))
            return FeedProblems.BadRequest($"A day is written YYYY-MM-DD, like 2025-06-02, not '{date}'.");
        var papers = await FeedQueries.ListAsync(db, FeedPeriod.Day(day), FeedRequest.Default, FeedSort.Upvotes, 0, limit, ct);
        return args.Write(format, new PaperFeed(FeedLinks.Day(day),
            $"The research papers of {Display.Day(day)}, most upvoted first.", PaperLinks.Day(day), papers));
    }

    /// <summary><c>/feeds/trending.atom</c>: the trending list, highest score first.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TrendingAsync([AsParameters] FeedArgs args,
        AppDbContext db, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        var papers = await FeedQueries.ListAsync(db, FeedPeriod.Trending, FeedRequest.Default, FeedSort.Trending, 0, limit, ct);
        return args.Write(format, new PaperFeed(FeedLinks.Trending,
            "The research papers people are upvoting and discussing right now.", PaperLinks.Trending, papers));
    }

    /// <summary>
    /// <c>/feeds/categories/cs.LG.atom</c>: the latest entries in a category (any of the paper's categories, case
    /// ignored), newest day first. A well-formed category nobody uses is an empty feed: arXiv adds categories.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CategoryAsync(string category,
        [AsParameters] FeedArgs args, AppDbContext db, CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        if (!FeedRequest.TryParse(null, category, null, null, out var request, out var error) || request.Category is not { } name)
            return FeedProblems.BadRequest(error.Length > 0 ? error : "A category is needed, like cs.LG.");
        var papers = await FeedQueries.RecentAsync(db, request, limit, ct);
        return args.Write(format, new PaperFeed(FeedLinks.Category(name),
            $"The latest research papers in {name}, newest day first.", PaperLinks.Trending + new FeedRequest(FeedSort.Newest, name, false, 0).Query(), papers));
    }
}
