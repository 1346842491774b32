using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary>
/// What a feed page shows: one page of a period's entries (a day, a week, a month, or the trending list) in the
/// asked order, which of them are a day's top paper and which the reader upvoted, and where to go next.
/// </summary>
public sealed record Feed(FeedPeriod Period, FeedRequest Request, DateOnly Today, IReadOnlyList<PaperView> Entries,
    bool HasMore, DateOnly? Previous, DateOnly? Next, DateOnly Anchor, CardMarks Marks)
{
    public const int PageSize = 50;

    public int Page => Request.Page;
    public FeedSort Sort => Request.Sort ?? DefaultSort(Period.Kind);

    /// <summary>Periods list by upvotes, as Hugging Face's do; the trending list by its score.</summary>
    public static FeedSort DefaultSort(FeedKind kind) => kind == FeedKind.Trending ? FeedSort.Trending : FeedSort.Upvotes;

    /// <summary>
    /// Loads the page: the entries (one row more than a page, which says whether another page follows without
    /// counting), the neighbouring days with matching entries, the papers of the day of the days shown, and,
    /// for a signed-in reader, which of the papers they upvoted or marked not interested.
    /// </summary>
    public static async Task<Feed> LoadAsync(AppDbContext db, SiteOptions site, TimeProvider clock, FeedPeriod period,
        FeedRequest request, long? userId, VoteService votes, CancellationToken ct)
    {
        var sort = request.Sort ?? DefaultSort(period.Kind);
        var rows = await FeedQueries.ListAsync(db, period, request, sort, request.Page * PageSize, PageSize + 1, ct);
        var entries = rows.Take(PageSize).ToList();
        var (previous, next) = await FeedQueries.NeighboursAsync(db, period, request, ct);
        var today = site.Today(clock);
        var anchor = period.Kind switch
        {
            FeedKind.Day => period.From,
            FeedKind.Trending => await FeedQueries.LatestDayAsync(db, ct) ?? today,
            // The latest day of a week or month that is not in the future.
            _ => today < period.From ? period.From : today > period.Last ? period.Last : today,
        };
        var top = await FeedQueries.PapersOfTheDayAsync(db, entries.Select(e => e.Feed!.Day), ct);
        var ids = entries.Select(e => e.Feed!.PaperId).ToList();
        var voted = userId is { } user ? await votes.VotedAsync(user, ids, ct) : [];
        var notInterested = userId is { } member ? await Recommendations.Interests.NotInterestedAmongAsync(db, member, ids, ct) : [];
        return new Feed(period, request, today, entries, rows.Count > PageSize, previous, next, anchor,
            new CardMarks(top, voted) { NotInterested = notInterested });
    }

    /// <summary>The same list in another order (the view's default order is left out of the address).</summary>
    public string SortUrl(FeedSort sort) =>
        Period.Url + (sort == DefaultSort(Period.Kind) ? Request.Query(keepSort: false) : Request.Query(sort: sort));

    /// <summary>Another page of the same list.</summary>
    public string PageUrl(int page) => Period.Url + Request.Query(page);

    /// <summary>The <paramref name="kind"/> view around this page's period, with the same filters and its own default order.</summary>
    public string ViewUrl(FeedKind kind) =>
        (kind == FeedKind.Day && Period.Kind == FeedKind.Trending ? "/papers" : FeedPeriod.Of(kind, Anchor).Url)
        + Request.Query(keepSort: false);

    /// <summary>The period of this page's kind that holds <paramref name="day"/>, keeping the order and filters.</summary>
    public string PeriodUrl(DateOnly day) => FeedPeriod.Of(Period.Kind, day).Url + Request.Query();

    /// <summary>Where "today", "this week" or "this month" is.</summary>
    public FeedPeriod Current => FeedPeriod.Of(Period.Kind, Today);
}

/// <summary>Per-card marks of one page: the papers of the day and the papers the reader upvoted or marked, by paper id.</summary>
public sealed record CardMarks(IReadOnlySet<long> PapersOfTheDay, IReadOnlySet<long> Voted)
{
    public static readonly CardMarks None = new(new HashSet<long>(), new HashSet<long>());

    /// <summary>The papers the reader marked "not interested": their cards offer to undo it.</summary>
    public IReadOnlySet<long> NotInterested { get; init; } = new HashSet<long>();

    /// <summary>The key under which a page hands the marks to <c>_PaperCard</c> in ViewData.</summary>
    public const string ViewDataKey = "CardMarks";
}
