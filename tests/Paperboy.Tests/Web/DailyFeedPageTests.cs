using System.Net;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

public class DailyFeedPageTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DayPage_ListsEntriesByUpvotes_TiesGoToTheNewerPaper(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Monday, 3, "Three votes"),
            TestSite.Paper("2506.00002", Monday, 30, "Thirty votes"),
            TestSite.Paper("2506.00003", Monday, 12, "Twelve votes, older", publishedAt: new DateTime(2025, 5, 20, 0, 0, 0, DateTimeKind.Utc)),
            TestSite.Paper("2506.00004", Monday, 12, "Twelve votes, newer", publishedAt: new DateTime(2025, 5, 30, 0, 0, 0, DateTimeKind.Utc)));

        var html = await site.GetStringAsync("/papers/date/2025-06-02");

        var positions = new[] { "Thirty votes", "Twelve votes, newer", "Twelve votes, older", "Three votes" }.Select(t => html.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order().ToList(), positions);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DayPage_PreviousAndNextLinks_SkipDaysWithoutEntries(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        // Friday and the next Tuesday have entries; the weekend and Monday have none.
        await site.SeedAsync(
            TestSite.Paper("2505.00001", new DateOnly(2025, 5, 30), 5),
            TestSite.Paper("2506.00001", new DateOnly(2025, 6, 3), 5));

        var tuesday = await site.GetStringAsync("/papers/date/2025-06-03");
        Assert.Contains("rel=\"prev\" href=\"/papers/date/2025-05-30\"", tuesday);
        Assert.DoesNotContain("rel=\"next\"", tuesday);

        var friday = await site.GetStringAsync("/papers/date/2025-05-30");
        Assert.Contains("rel=\"next\" href=\"/papers/date/2025-06-03\"", friday);
        Assert.DoesNotContain("rel=\"prev\"", friday);

        // An empty day in between is a normal page that says so and still links both ways.
        using var sunday = await site.GetAsync("/papers/date/2025-06-01");
        var body = await sunday.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, sunday.StatusCode);
        Assert.Contains("No papers on Jun 1, 2025", body);
        Assert.Contains("rel=\"prev\" href=\"/papers/date/2025-05-30\"", body);
        Assert.Contains("rel=\"next\" href=\"/papers/date/2025-06-03\"", body);
        // "Today" is the fake clock's day in New York.
        Assert.Contains("href=\"/papers/date/2025-06-04\">Today</a>", body);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PapersPage_ShowsLatestDayWithEntries_WithCanonicalLinkToIt(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2505.00001", new DateOnly(2025, 5, 30), 5, "Friday's paper"),
            TestSite.Paper("2506.00001", Monday, 5, "Monday's paper"));

        var html = await site.GetStringAsync("/papers");

        Assert.Contains("Monday's paper", html.Replace("&#x27;", "'"));
        Assert.DoesNotContain("Friday", html);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/papers/date/2025-06-02\">", html);
    }

    [Fact]
    public async Task PapersPage_EmptyDatabase_SaysHowToGetPapers()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        var html = await site.GetStringAsync("/papers");

        Assert.Contains("No papers yet", html);
        Assert.Contains("paperboy serve --demo", html);
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("yesterday")]
    [InlineData("2025-6-2")]
    public async Task DayPage_BadDate_Is400PageWithNavigation(string date)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync($"/papers/date/{date}");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That is not a date", html);
        Assert.Contains("href=\"/papers/date/2025-06-04\"", html);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Card_ShowsAuthorsVotesLinksAndCategories(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        var paper = TestSite.Paper("2506.00001", Monday, 42, "A paper with code",
            authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"]) with
        {
            GithubRepo = "https://github.com/example/code",
            ProjectPage = "https://example.github.io/code/",
        };
        await site.SeedAsync(paper);

        var html = await site.GetStringAsync("/papers/date/2025-06-02");

        Assert.Contains("<a href=\"/papers/2506.00001\">A paper with code</a>", html);
        Assert.Contains("Ada Lovelace, Alan Turing, Grace Hopper et al. (5 authors)", html);
        Assert.Contains("<span class=\"votes-count\">42</span>", html);
        Assert.Contains("1 comment", html);
        Assert.Contains("href=\"https://github.com/example/code\"", html);
        Assert.Contains("href=\"https://example.github.io/code/\"", html);
        Assert.Contains("<span class=\"chip\">cs.LG</span>", html);
        Assert.Contains("Ada L.", html);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ImportedText_IsHtmlEncoded_OnFeedAndPaperPage(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        var evil = TestSite.Paper("2506.00001", Monday, 1, "<script>alert('x')</script> Attention") with
        {
            Abstract = "An <img src=x onerror=alert(1)> abstract.",
            Authors = ["<b>Mallory</b>"],
            ProjectPage = "javascript:alert(1)",
        };
        await site.SeedAsync(evil);

        foreach (var url in new[] { "/papers/date/2025-06-02", "/papers/2506.00001" })
        {
            var html = await site.GetStringAsync(url);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Attention", html);
            Assert.DoesNotContain("<script>alert", html); // the only scripts are the site's own
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>Mallory", html);
            Assert.DoesNotContain("javascript:", html);
        }
    }

    [Fact]
    public async Task DayPage_IsServedFromTheOutputCache_ForAFewSeconds()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 3, "The first paper"));
        Assert.Contains("The first paper", await site.GetStringAsync("/papers/date/2025-06-02"));

        await site.SeedAsync(TestSite.Paper("2506.00002", Monday, 9, "A later paper"));

        // Within the cache's lifetime the same page comes back as it was; another page of the day is its own entry.
        Assert.DoesNotContain("A later paper", await site.GetStringAsync("/papers/date/2025-06-02"));
        Assert.Contains("A later paper", await site.GetStringAsync("/papers/date/2025-06-02?p=0"));
    }
}
