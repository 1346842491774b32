using System.Net;
using System.Text.Json.Nodes;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Views;

/// <summary>The paper-of-the-day mark, totals of imported and local counts, and hidden entries, on pages and the API.</summary>
public class MarksTotalsAndHidingTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static readonly DateOnly Tuesday = new(2025, 6, 3);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperOfTheDay_IsTheTopOfEachDay_MarkedInEveryView(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Monday, 10),
            TestSite.Paper("2506.00002", Monday, 30),
            TestSite.Paper("2506.00003", Tuesday, 5),
            TestSite.Paper("2506.00004", Tuesday, 7),
            // A tie on Tuesday's top count goes to the more recently published paper, as in the list.
            TestSite.Paper("2506.00005", Tuesday, 7, publishedAt: new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc)));
        await FeedData.SetTrendingAsync(site, "2506.00001", 50);

        foreach (var url in new[]
                 {
                     "/papers/week/2025-W23", "/papers/week/2025-W23?sort=newest", "/papers/month/2025-06", "/papers/trending",
                     "/papers/trending?sort=upvotes",
                 })
        {
            var html = await site.GetStringAsync(url);
            Assert.Equal(["2506.00002", "2506.00004"], FeedData.PapersOfTheDay(html).Order());
            Assert.Equal(2, CountOf(html, "Paper of the day"));
        }
        Assert.Equal(["2506.00002"], FeedData.PapersOfTheDay(await site.GetStringAsync("/papers/date/2025-06-02")));
        // Only the days on the page are asked about; a filtered list marks a day's top paper only when it is shown.
        Assert.Equal(["2506.00004"], FeedData.PapersOfTheDay(await site.GetStringAsync("/papers/date/2025-06-03")));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperOfTheDay_CountsLocalVotes_AndSkipsHiddenEntries(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Monday, 10),
            TestSite.Paper("2506.00002", Monday, 30),
            TestSite.Paper("2506.00003", Tuesday, 5),
            TestSite.Paper("2506.00004", Tuesday, 7));
        await FeedData.SetLocalAsync(site, "2506.00001", 25);
        await FeedData.HideAsync(site, "2506.00004");

        var html = await site.GetStringAsync("/papers/week/2025-W23");

        Assert.Equal(["2506.00001", "2506.00003"], FeedData.PapersOfTheDay(html).Order());
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Totals_ImportedPlusLocal_OnListsPaperPageAndApi(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 10), TestSite.Paper("2506.00002", Monday, 12));
        await FeedData.SetLocalAsync(site, "2506.00001", upvotes: 5, comments: 2);

        foreach (var url in new[] { "/papers/date/2025-06-02", "/papers/week/2025-W23", "/papers/month/2025-06", "/papers/trending?sort=upvotes" })
        {
            var html = await site.GetStringAsync(url);
            // 10 + 5 now outranks 12.
            Assert.Equal(["2506.00001", "2506.00002"], FeedData.CardIds(html));
            var card = FeedData.Cards(html)[0].Html;
            Assert.Contains("<span class=\"votes-count\">15</span>", card);
            Assert.Contains("3 comments", card);
        }
        var page = await site.GetStringAsync("/papers/2506.00001");
        Assert.Contains("<span class=\"votes-count\">15</span>", page);
        Assert.Contains("3 comments", page);

        var daily = JsonNode.Parse(await site.GetStringAsync("/api/daily_papers?date=2025-06-02"))!.AsArray();
        Assert.Equal("2506.00001", (string)daily[0]!["paper"]!["id"]!);
        Assert.Equal(15, (int)daily[0]!["paper"]!["upvotes"]!);
        Assert.Equal(3, (int)daily[0]!["numComments"]!);
        var one = JsonNode.Parse(await site.GetStringAsync("/api/papers/2506.00001"))!;
        Assert.Equal(15, (int)one["upvotes"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task HiddenEntries_AreOnNoListNoNavigationAndNotInTheApi(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Monday, 10, "Visible Monday"),
            TestSite.Paper("2506.00002", Monday, 90, "Hidden Monday"),
            TestSite.Paper("2506.00003", Tuesday, 5, "Hidden Tuesday"),
            TestSite.Paper("2506.00004", new DateOnly(2025, 6, 4), 5, "Hidden Wednesday"));
        foreach (var id in new[] { "2506.00002", "2506.00003", "2506.00004" })
        {
            await FeedData.HideAsync(site, id);
            await FeedData.SetTrendingAsync(site, id, 100);
        }

        foreach (var url in new[]
                 {
                     "/papers", "/papers/date/2025-06-02", "/papers/date/2025-06-03", "/papers/week/2025-W23", "/papers/month/2025-06",
                     "/papers/trending", "/papers/trending?sort=upvotes", "/papers/trending?sort=newest", "/papers/trending?category=cs.LG",
                 })
        {
            var html = await site.GetStringAsync(url);
            Assert.DoesNotContain("Hidden", html);
        }
        // The latest day and the neighbours are days with visible entries.
        var latest = await site.GetStringAsync("/papers");
        Assert.Contains("Visible Monday", latest);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/papers/date/2025-06-02\">", latest);
        Assert.DoesNotContain("rel=\"next\"", await site.GetStringAsync("/papers/date/2025-06-02"));
        Assert.Contains("No papers on Jun 3, 2025", await site.GetStringAsync("/papers/date/2025-06-03"));

        // The API: neither the list (nor its default day) nor the paper itself.
        var daily = JsonNode.Parse(await site.GetStringAsync("/api/daily_papers?date=2025-06-02"))!.AsArray();
        Assert.Equal(["2506.00001"], daily.Select(d => (string)d!["paper"]!["id"]!));
        var latestApi = JsonNode.Parse(await site.GetStringAsync("/api/daily_papers"))!.AsArray();
        Assert.Equal(["2506.00001"], latestApi.Select(d => (string)d!["paper"]!["id"]!));
        using var hidden = await site.GetAsync("/api/papers/2506.00002");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
