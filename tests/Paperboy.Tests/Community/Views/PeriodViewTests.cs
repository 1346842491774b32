using System.Net;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Views;

/// <summary>The week, month and trending views, their navigation, and their 400 pages. "Today" is Wednesday 2025-06-04.</summary>
public class PeriodViewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Friday of week 22; three days of week 23; Monday of week 24; nothing in week 25; Monday of week 26.</summary>
    private static Task SeedWeeksAsync(TestSite site) => site.SeedAsync(
        TestSite.Paper("2505.00001", new DateOnly(2025, 5, 30), 50),
        TestSite.Paper("2506.00001", new DateOnly(2025, 6, 2), 10),
        TestSite.Paper("2506.00002", new DateOnly(2025, 6, 4), 30),
        TestSite.Paper("2506.00003", new DateOnly(2025, 6, 8), 20),
        TestSite.Paper("2506.00004", new DateOnly(2025, 6, 9), 99),
        TestSite.Paper("2506.00005", new DateOnly(2025, 6, 23), 5));

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task WeekPage_ListsMondayToSundayByUpvotes_AndLinksNeighbourWeeksAndOtherViews(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await SeedWeeksAsync(site);

        var html = await site.GetStringAsync("/papers/week/2025-W23");

        Assert.Equal(["2506.00002", "2506.00003", "2506.00001"], FeedData.CardIds(html));
        Assert.Contains("<time datetime=\"2025-W23\">Week 23 of 2025</time>", html);
        Assert.Contains("Jun 2 – Jun 8, 2025", html);
        Assert.Contains("rel=\"prev\" href=\"/papers/week/2025-W22\"", html);
        Assert.Contains("rel=\"next\" href=\"/papers/week/2025-W24\"", html);
        Assert.Contains("href=\"/papers/week/2025-W23\">This week</a>", html);
        // The same period as a day (today, which is in this week) and as a month.
        Assert.Contains("<a class=\"tab\" href=\"/papers/date/2025-06-04\">Day</a>", html);
        Assert.Contains("<a class=\"tab\" href=\"/papers/month/2025-06\">Month</a>", html);
        Assert.Contains("<a class=\"tab\" href=\"/papers/week/2025-W23\" aria-current=\"page\">Week</a>", html);

        // An empty week is skipped by "next".
        var w24 = await site.GetStringAsync("/papers/week/2025-W24");
        Assert.Equal(["2506.00004"], FeedData.CardIds(w24));
        Assert.Contains("rel=\"next\" href=\"/papers/week/2025-W26\"", w24);
        // A future week's day view is its Monday (a past week's, its Sunday).
        Assert.Contains("<a class=\"tab\" href=\"/papers/date/2025-06-09\">Day</a>", w24);
        Assert.Contains("<a class=\"tab\" href=\"/papers/date/2025-06-01\">Day</a>", await site.GetStringAsync("/papers/week/2025-W22"));

        // The empty week is a normal page that says so.
        using var empty = await site.GetAsync("/papers/week/2025-W25");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("No papers in the week of Jun 16 – Jun 22, 2025", await empty.Content.ReadAsStringAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MonthPage_ListsTheMonthByUpvotes_AndLinksNeighbourMonthsAndOtherViews(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await SeedWeeksAsync(site);

        var june = await site.GetStringAsync("/papers/month/2025-06");
        Assert.Equal(["2506.00004", "2506.00002", "2506.00003", "2506.00001", "2506.00005"], FeedData.CardIds(june));
        Assert.Contains("<time datetime=\"2025-06\">June 2025</time>", june);
        Assert.Contains("rel=\"prev\" href=\"/papers/month/2025-05\"", june);
        Assert.DoesNotContain("rel=\"next\"", june);
        Assert.Contains("<a class=\"tab\" href=\"/papers/date/2025-06-04\">Day</a>", june);
        Assert.Contains("<a class=\"tab\" href=\"/papers/week/2025-W23\">Week</a>", june);

        var may = await site.GetStringAsync("/papers/month/2025-05");
        Assert.Equal(["2505.00001"], FeedData.CardIds(may));
        Assert.Contains("rel=\"next\" href=\"/papers/month/2025-06\"", may);
        // A past month's day and week views are around its last day.
        Assert.Contains("<a class=\"tab\" href=\"/papers/date/2025-05-31\">Day</a>", may);
        Assert.Contains("<a class=\"tab\" href=\"/papers/week/2025-W22\">Week</a>", may);

        // The day view links back to its week and month.
        var day = await site.GetStringAsync("/papers/date/2025-06-02");
        Assert.Contains("<a class=\"tab\" href=\"/papers/week/2025-W23\">Week</a>", day);
        Assert.Contains("<a class=\"tab\" href=\"/papers/month/2025-06\">Month</a>", day);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TrendingPage_OrdersEveryVisibleEntryByStoredScore_AndExplainsRanking(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await SeedWeeksAsync(site);
        await FeedData.SetTrendingAsync(site, "2505.00001", 9.5);
        await FeedData.SetTrendingAsync(site, "2506.00001", 12.25);
        await FeedData.SetTrendingAsync(site, "2506.00002", 3);
        await FeedData.SetTrendingAsync(site, "2506.00003", 7);
        await FeedData.SetTrendingAsync(site, "2506.00004", 1);
        await FeedData.SetTrendingAsync(site, "2506.00005", 8);

        var html = await site.GetStringAsync("/papers/trending");

        Assert.Equal(["2506.00001", "2505.00001", "2506.00005", "2506.00003", "2506.00002", "2506.00004"], FeedData.CardIds(html));
        Assert.Contains("<h1>Trending papers</h1>", html);
        Assert.Contains("href=\"/about/ranking\"", html);
        Assert.DoesNotContain("rel=\"prev\"", html);

        var about = await site.GetStringAsync("/about/ranking");
        Assert.Contains("<h1>About ranking</h1>", about);
        Assert.Contains("Paper B ranks higher", about);
    }

    [Theory]
    [InlineData("/papers/week/2025-W60", "That is not a week")]
    [InlineData("/papers/week/2025-W00", "That is not a week")]
    [InlineData("/papers/week/2021-W53", "That is not a week")]
    [InlineData("/papers/week/2025-23", "That is not a week")]
    [InlineData("/papers/week/2025-06-02", "That is not a week")]
    [InlineData("/papers/week/%D9%A2%D9%A0%D9%A2%D9%A5-W23", "That is not a week")] // Arabic-Indic digits
    [InlineData("/papers/month/2025-13", "That is not a month")]
    [InlineData("/papers/month/2025-6", "That is not a month")]
    [InlineData("/papers/month/2025-06-01", "That is not a month")]
    [InlineData("/papers/month/June", "That is not a month")]
    [InlineData("/papers/date/2025-02-30", "That is not a date")]
    [InlineData("/papers/trending?sort=hot", "is not a way to sort papers")]
    [InlineData("/papers/date/2025-06-02?sort=best", "is not a way to sort papers")]
    [InlineData("/papers/week/2025-W23?category=cs%20LG", "is not an arXiv category")]
    [InlineData("/papers/month/2025-06?category=%25", "is not an arXiv category")]
    [InlineData("/papers/trending?category=cs.LG%27--", "is not an arXiv category")]
    [InlineData("/papers/trending?code=maybe", "code is 1")]
    [InlineData("/papers/trending?p=-1", "p is the page number")]
    [InlineData("/papers?sort=random", "is not a way to sort papers")]
    public async Task BadPeriodOrQuery_Is400PageThatSaysWhatIsWrong(string url, string says)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        await site.SeedAsync(TestSite.Paper("2506.00001", new DateOnly(2025, 6, 2), 1));

        using var response = await site.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, html);
        Assert.Contains("<p class=\"notice-code\">400</p>", html);
        Assert.DoesNotContain("class=\"cards\"", html);
    }

    [Theory]
    [InlineData("/papers/week/2020-W53")] // 2020 is a long ISO year
    [InlineData("/papers/week/2025-W01")]
    [InlineData("/papers/month/2024-02")]
    [InlineData("/papers/trending?sort=newest&category=cs.LG&code=0&p=0")]
    public async Task GoodPeriodsAndQueries_Are200(string url)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var response = await site.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Week1_MayStartInThePreviousYear()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        // ISO week 1 of 2025 runs from Monday 2024-12-30 to Sunday 2025-01-05.
        await site.SeedAsync(TestSite.Paper("2412.00001", new DateOnly(2024, 12, 30), 3), TestSite.Paper("2412.00002", new DateOnly(2024, 12, 29), 3));

        var html = await site.GetStringAsync("/papers/week/2025-W01");

        Assert.Equal(["2412.00001"], FeedData.CardIds(html));
        Assert.Contains("Dec 30, 2024 – Jan 5, 2025", html);
        Assert.Contains("rel=\"prev\" href=\"/papers/week/2024-W52\"", html);
    }
}
