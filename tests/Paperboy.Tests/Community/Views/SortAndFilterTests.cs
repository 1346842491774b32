using Paperboy.Import;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Views;

/// <summary><c>?sort=</c>, <c>?category=</c> and <c>?code=1</c> on every view, and the output cache keeping them apart.</summary>
public class SortAndFilterTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);

    private static PaperRecord Paper(string id, int upvotes, int publishedDay, List<string> categories, string? repo = null) =>
        TestSite.Paper(id, Monday, upvotes, publishedAt: new DateTime(2025, 5, publishedDay, 0, 0, 0, DateTimeKind.Utc)) with
        {
            Categories = categories,
            GithubRepo = repo,
        };

    private static async Task<TestSite> SeededAsync(Engine engine)
    {
        var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            Paper("2506.00001", 40, 10, ["cs.LG", "stat.ML"]),
            Paper("2506.00002", 30, 28, ["cs.CV"], "https://github.com/example/two"),
            Paper("2506.00003", 20, 20, ["stat.ML"], "https://github.com/example/three"),
            // A category that merely starts with another's name is a different category.
            Paper("2506.00004", 10, 25, ["cs.LGX"]),
            Paper("2506.00005", 5, 1, ["cond-mat.mes-hall", "cs.LG"]));
        await FeedData.SetTrendingAsync(site, "2506.00001", 1);
        await FeedData.SetTrendingAsync(site, "2506.00002", 2);
        await FeedData.SetTrendingAsync(site, "2506.00003", 5);
        await FeedData.SetTrendingAsync(site, "2506.00004", 4);
        await FeedData.SetTrendingAsync(site, "2506.00005", 3);
        return site;
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Sort_UpvotesTrendingNewest_OnDayWeekMonthAndTrending(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        string[] byUpvotes = ["2506.00001", "2506.00002", "2506.00003", "2506.00004", "2506.00005"];
        string[] byTrending = ["2506.00003", "2506.00004", "2506.00005", "2506.00002", "2506.00001"];
        string[] byNewest = ["2506.00002", "2506.00004", "2506.00003", "2506.00001", "2506.00005"];

        foreach (var view in new[] { "/papers/date/2025-06-02", "/papers/week/2025-W23", "/papers/month/2025-06", "/papers/trending" })
        {
            // Each order is its own cache entry: asking for one never serves another.
            Assert.Equal(byUpvotes, FeedData.CardIds(await site.GetStringAsync(view + "?sort=upvotes")));
            Assert.Equal(byTrending, FeedData.CardIds(await site.GetStringAsync(view + "?sort=trending")));
            Assert.Equal(byNewest, FeedData.CardIds(await site.GetStringAsync(view + "?sort=newest")));
        }
        // Defaults: periods by upvotes, the trending list by score.
        Assert.Equal(byUpvotes, FeedData.CardIds(await site.GetStringAsync("/papers/week/2025-W23")));
        Assert.Equal(byTrending, FeedData.CardIds(await site.GetStringAsync("/papers/trending")));

        // The order links say which is current and keep the period.
        var html = await site.GetStringAsync("/papers/date/2025-06-02?sort=newest");
        Assert.Contains("<a class=\"tab\" href=\"/papers/date/2025-06-02?sort=newest\" aria-current=\"true\">Newest</a>", html);
        Assert.Contains("<a class=\"tab\" href=\"/papers/date/2025-06-02\">Most upvoted</a>", html);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Filters_CategoryAndCode_OnEveryView(Engine engine)
    {
        await using var site = await SeededAsync(engine);

        foreach (var view in new[] { "/papers/date/2025-06-02", "/papers/week/2025-W23", "/papers/month/2025-06", "/papers/trending?sort=upvotes" })
        {
            var join = view.Contains('?') ? "&" : "?";
            Assert.Equal(["2506.00001", "2506.00003"], FeedData.CardIds(await site.GetStringAsync(view + join + "category=stat.ML")));
            // Exact category, any position in the list, either case, on both engines.
            Assert.Equal(["2506.00001", "2506.00005"], FeedData.CardIds(await site.GetStringAsync(view + join + "category=cs.LG")));
            Assert.Equal(["2506.00001", "2506.00005"], FeedData.CardIds(await site.GetStringAsync(view + join + "category=cs.lg")));
            Assert.Equal(["2506.00005"], FeedData.CardIds(await site.GetStringAsync(view + join + "category=cond-mat.mes-hall")));
            Assert.Equal(["2506.00002", "2506.00003"], FeedData.CardIds(await site.GetStringAsync(view + join + "code=1")));
            Assert.Equal(["2506.00003"], FeedData.CardIds(await site.GetStringAsync(view + join + "category=stat.ML&code=1")));
            Assert.Empty(FeedData.CardIds(await site.GetStringAsync(view + join + "category=hep-th")));
            // Empty fields of the filter form mean no filter.
            Assert.Equal(5, FeedData.CardIds(await site.GetStringAsync(view + join + "category=&code=0")).Count);
        }

        var html = await site.GetStringAsync("/papers/date/2025-06-02?category=stat.ML&code=1");
        Assert.Contains("value=\"stat.ML\"", html);
        Assert.Contains("checked=\"checked\"", html);
        Assert.Contains("No papers", await site.GetStringAsync("/papers/date/2025-06-02?category=hep-th"));
        // Other views keep the filters and drop the order.
        Assert.Contains("<a class=\"tab\" href=\"/papers/week/2025-W23?category=stat.ML&amp;code=1\">Week</a>",
            await site.GetStringAsync("/papers/date/2025-06-02?sort=newest&category=stat.ML&code=1"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Filters_NeighbourDaysAreDaysWithMatchingPapers(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2505.00001", new DateOnly(2025, 5, 29), 1) with { Categories = ["hep-th"] },
            TestSite.Paper("2505.00002", new DateOnly(2025, 5, 30), 1) with { Categories = ["cs.CV"] },
            TestSite.Paper("2506.00001", Monday, 1) with { Categories = ["hep-th"] },
            TestSite.Paper("2506.00002", new DateOnly(2025, 6, 3), 1) with { Categories = ["cs.CV"] },
            TestSite.Paper("2506.00003", new DateOnly(2025, 6, 4), 1) with { Categories = ["hep-th"] });

        var html = await site.GetStringAsync("/papers/date/2025-06-02?category=hep-th");

        Assert.Contains("rel=\"prev\" href=\"/papers/date/2025-05-29?category=hep-th\"", html);
        Assert.Contains("rel=\"next\" href=\"/papers/date/2025-06-04?category=hep-th\"", html);
        var unfiltered = await site.GetStringAsync("/papers/date/2025-06-02");
        Assert.Contains("rel=\"prev\" href=\"/papers/date/2025-05-30\"", unfiltered);
    }

    [Fact]
    public async Task Paging_KeepsSortAndFilters()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        var records = Enumerable.Range(1, 53).Select(i => TestSite.Paper($"2506.{i:D5}", Monday, i)).ToArray();
        await site.SeedAsync(records);

        var first = await site.GetStringAsync("/papers/date/2025-06-02?sort=newest&category=cs.LG");
        Assert.Equal(50, FeedData.CardIds(first).Count);
        Assert.Contains("href=\"/papers/date/2025-06-02?sort=newest&amp;category=cs.LG&amp;p=1\">More papers →</a>", first);

        var second = await site.GetStringAsync("/papers/date/2025-06-02?sort=newest&category=cs.LG&p=1");
        Assert.Equal(3, FeedData.CardIds(second).Count);
        Assert.Contains("<ol class=\"cards\" start=\"51\">", second);
        Assert.Contains("href=\"/papers/date/2025-06-02?sort=newest&amp;category=cs.LG\">← Previous page</a>", second);
    }
}
