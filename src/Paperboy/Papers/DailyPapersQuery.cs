using System.Globalization;

namespace Paperboy.Papers;

/// <summary>
/// The query of <c>/api/daily_papers</c>, as Hugging Face names it: at most one of <c>date</c> (2025-06-02),
/// <c>week</c> (2025-W23) and <c>month</c> (2025-06); <c>submitter</c> (a user name); <c>sort</c> (publishedAt or
/// trending; Paperboy also takes upvotes, the default); <c>p</c> (the page, from 0) and <c>limit</c> (1-100).
/// With no period, the answer is the latest day's list, as on Hugging Face; with no period but a sort or a
/// submitter, it is every entry in that order.
/// </summary>
public sealed record DailyPapersQuery(FeedPeriod? Period, FeedSort Sort, string? Submitter, int Page, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public const int MaxSubmitter = 200;

    /// <summary>True when the answer is "the latest day with entries", found when the request is served.</summary>
    public bool LatestDay => Period is null && Submitter is null;

    /// <summary>The cache key: every value the answer depends on.</summary>
    public string Key => $"{Period?.Kind}|{Period?.Key}|{Sort}|{Submitter}|{Page}|{Limit}";

    public static bool TryParse(string? date, string? week, string? month, string? submitter, string? sort,
        string? limit, string? p, out DailyPapersQuery query, out string error)
    {
        query = new(null, FeedSort.Upvotes, null, 0, DefaultLimit);
        error = "";
        if (new[] { date, week, month }.Count(v => v is not null) > 1)
            return Fail("give at most one of date, week and month.", out error);

        FeedPeriod? period = null;
        if (date is not null)
        {
            if (!FeedPeriod.TryParseDay(date, out var day)) return Fail($"date must be a day written YYYY-MM-DD, not '{date}'.", out error);
            period = FeedPeriod.Day(day);
        }
        if (week is not null)
        {
            if (!FeedPeriod.TryParseWeek(week, out var w)) return Fail($"week must be an ISO week written YYYY-Www (e.g. 2025-W23), not '{week}'.", out error);
            period = w;
        }
        if (month is not null)
        {
            if (!FeedPeriod.TryParseMonth(month, out var m)) return Fail($"month must be written YYYY-MM, not '{month}'.", out error);
            period = m;
        }

        FeedSort? order = sort switch
        {
            null => null,
            "publishedAt" => FeedSort.Newest,
            "trending" => FeedSort.Trending,
            "upvotes" => FeedSort.Upvotes,
            _ => null,
        };
        if (sort is not null && order is null)
            return Fail($"sort must be publishedAt, trending or upvotes, not '{sort}'.", out error);

        if (submitter is not null && (submitter.Length is 0 or > MaxSubmitter || submitter.Any(char.IsControl)))
            return Fail($"submitter must be a user name of 1 to {MaxSubmitter} characters.", out error);

        if (!Web.QueryLimit.TryParse(limit, DefaultLimit, MaxLimit, out var take, out error)) return false;
        var page = 0;
        if (p is not null && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page > FeedRequest.MaxPage))
            return Fail($"p (the page, counted from 0) must be a whole number from 0 to {FeedRequest.MaxPage}, not '{p}'.", out error);

        // No period but an order or a submitter: every entry, rather than one day cut by a sort nobody asked for.
        if (period is null && (order is not null || submitter is not null)) period = FeedPeriod.Trending;
        query = new(period, order ?? FeedSort.Upvotes, submitter, page, take);
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
