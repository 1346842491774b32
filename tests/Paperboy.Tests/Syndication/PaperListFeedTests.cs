using System.Net;
using System.ServiceModel.Syndication;
using Paperboy.Import;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

public class PaperListFeedTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static readonly DateOnly Tuesday = new(2025, 6, 3);

    public static TheoryData<Engine, string> EnginesAndFormats => new()
    {
        { Engine.Sqlite, "atom" }, { Engine.Sqlite, "rss" }, { Engine.Postgres, "atom" }, { Engine.Postgres, "rss" },
    };

    private static PaperRecord Paper(string id, DateOnly day, int upvotes, params string[] categories) =>
        TestSite.Paper(id, day, upvotes) with { Categories = [.. categories] };

    [Theory, MemberData(nameof(EnginesAndFormats))]
    public async Task Daily_IsTheLatestDay_MostUpvotedFirst_WithEveryItemField(Engine engine, string format)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            Paper("2506.00001", Monday, 99, "cs.LG"),
            TestSite.Paper("2506.00002", Tuesday, 5, "Small & <b>bold</b>", new DateTime(2025, 5, 30, 17, 0, 0, DateTimeKind.Utc),
                ["Ada Lovelace", "Alan Turing"], version: 3) with { UpdatedAt = new DateTime(2025, 6, 1, 9, 30, 0, DateTimeKind.Utc) },
            Paper("2506.00003", Tuesday, 20, "cs.CL"));

        var feed = await FeedClient.LoadAsync(site, $"/feeds/daily.{format}");

        Assert.Equal(["2506.00003", "2506.00002"], FeedClient.Ids(feed));
        Assert.Equal("Daily Papers · Paperboy", feed.Title.Text);
        Assert.Equal("http://localhost/papers", feed.Links.Single(l => l.RelationshipType is null or "alternate").Uri.ToString());
        var item = feed.Items.Last();
        Assert.Equal("Small & <b>bold</b>", item.Title.Text);
        Assert.Equal("The abstract of paper 2506.00002.", item.Summary.Text);
        Assert.Equal("http://localhost/papers/2506.00002", item.Id);
        Assert.Equal(["cs.LG", "stat.ML"], item.Categories.Select(c => c.Name));
        Assert.Contains(item.Links, l => l.Uri.ToString() == "https://arxiv.org/pdf/2506.00002v3" && l.MediaType == "application/pdf");
        Assert.Equal(new DateTimeOffset(2025, 5, 30, 17, 0, 0, TimeSpan.Zero), item.PublishDate);
        if (format == "atom")
        {
            Assert.Equal(["Ada Lovelace", "Alan Turing"], item.Authors.Select(a => a.Name));
            Assert.Equal(new DateTimeOffset(2025, 6, 1, 9, 30, 0, TimeSpan.Zero), item.LastUpdatedTime);
            Assert.Equal("http://localhost/feeds/daily.atom", feed.Id);
        }
        else
        {
            Assert.Equal(["Ada Lovelace", "Alan Turing"], Creators(item));
        }
        // The feed was updated when its newest item was: the other paper, published two days before Tuesday.
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 17, 0, 0, TimeSpan.Zero), feed.LastUpdatedTime);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Day_IsThatDay_AndAMalformedDayIs400(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(Paper("2506.00001", Monday, 1, "cs.LG"), Paper("2506.00002", Monday, 7, "cs.LG"), Paper("2506.00003", Tuesday, 3, "cs.LG"));

        var monday = await FeedClient.LoadAsync(site, "/feeds/daily/2025-06-02.atom");
        var empty = await FeedClient.LoadAsync(site, "/feeds/daily/2025-06-01.rss");
        var (status, detail) = await FeedClient.ProblemAsync(site, "/feeds/daily/2025-06-31.atom");

        Assert.Equal(["2506.00002", "2506.00001"], FeedClient.Ids(monday));
        Assert.Equal("http://localhost/papers/date/2025-06-02", monday.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString());
        Assert.Empty(empty.Items);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("2025-06-31", detail);
    }

    [Theory, MemberData(nameof(EnginesAndFormats))]
    public async Task Trending_IsInScoreOrder_AndHiddenEntriesAreInNoFeed(Engine engine, string format)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(Paper("2506.00001", Monday, 1, "cs.LG"), Paper("2506.00002", Monday, 2, "cs.LG"),
            Paper("2506.00003", Tuesday, 3, "cs.LG"), Paper("2506.00004", Tuesday, 4, "cs.LG"));
        await FeedData.SetTrendingAsync(site, "2506.00001", 9);
        await FeedData.SetTrendingAsync(site, "2506.00002", 3);
        await FeedData.SetTrendingAsync(site, "2506.00003", 5);
        await FeedData.SetTrendingAsync(site, "2506.00004", 7);
        await FeedData.HideAsync(site, "2506.00004");

        var trending = await FeedClient.LoadAsync(site, $"/feeds/trending.{format}");
        var daily = await FeedClient.LoadAsync(site, $"/feeds/daily.{format}");
        var category = await FeedClient.LoadAsync(site, $"/feeds/categories/cs.LG.{format}");
        var limited = await FeedClient.LoadAsync(site, $"/feeds/trending.{format}?limit=2");

        Assert.Equal(["2506.00001", "2506.00003", "2506.00002"], FeedClient.Ids(trending));
        Assert.Equal(["2506.00003"], FeedClient.Ids(daily));
        Assert.Equal(["2506.00003", "2506.00002", "2506.00001"], FeedClient.Ids(category));
        Assert.Equal(["2506.00001", "2506.00003"], FeedClient.Ids(limited));
        Assert.Equal("http://localhost/papers/trending", trending.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString());
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Category_IsItsLatestEntries_NewestDayFirst_WhateverTheCase(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(Paper("2506.00001", Monday, 50, "cs.LG"), Paper("2506.00002", Monday, 1, "stat.ML", "cs.LG"),
            Paper("2506.00003", Tuesday, 2, "cs.LG"), Paper("2506.00004", Tuesday, 40, "cs.CL"), Paper("2506.00005", Tuesday, 9, "cs.LG"));

        var feed = await FeedClient.LoadAsync(site, "/feeds/categories/cs.LG.atom");
        var lower = await FeedClient.LoadAsync(site, "/feeds/categories/cs.lg.rss");
        var unused = await FeedClient.LoadAsync(site, "/feeds/categories/math.AG.atom");
        var archive = await FeedClient.LoadAsync(site, "/feeds/categories/stat.atom");

        Assert.Equal(["2506.00005", "2506.00003", "2506.00001", "2506.00002"], FeedClient.Ids(feed));
        Assert.Equal(FeedClient.Ids(feed), FeedClient.Ids(lower));
        Assert.Equal("Latest papers in cs.LG · Paperboy", feed.Title.Text);
        Assert.Empty(unused.Items);
        // A category matches whole: "stat" is not stat.ML (the lists' ?category= works the same way).
        Assert.Empty(archive.Items);
    }

    [Theory]
    [InlineData("/feeds/trending.atom?limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/feeds/trending.rss?limit=101", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/feeds/daily.atom?limit=ten", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/feeds/daily.atom?limit=", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/feeds/categories/cs.LG.atom?limit=-1", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/feeds/categories/cs%20LG.atom", HttpStatusCode.BadRequest, "is not an arXiv category")]
    [InlineData("/feeds/categories/%3Cscript%3E.rss", HttpStatusCode.BadRequest, "is not an arXiv category")]
    [InlineData("/feeds/categories/cs.LG.json", HttpStatusCode.NotFound, "Feeds end in .atom")]
    [InlineData("/feeds/trending.xml", HttpStatusCode.NotFound, "Feeds end in .atom")]
    public async Task BadAddresses_AreProblemDetailsThatSayWhy(string url, HttpStatusCode expected, string says)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        var (status, detail) = await FeedClient.ProblemAsync(site, url);

        Assert.Equal(expected, status);
        Assert.Contains(says, detail);
    }

    [Theory, MemberData(nameof(FeedClient.Formats), MemberType = typeof(FeedClient))]
    public async Task EmptySite_GivesValidEmptyFeeds(string format)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        foreach (var path in new[] { "/feeds/daily", "/feeds/trending", "/feeds/categories/cs.LG" })
        {
            var feed = await FeedClient.LoadAsync(site, $"{path}.{format}");
            Assert.Empty(feed.Items);
        }
    }

    [Fact]
    public async Task Links_FollowThePublicUrl_WhenOneIsSet()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Paperboy:Mail:PublicUrl"] = "https://papers.example.org/",
        });
        await site.SeedAsync(Paper("2506.00001", Monday, 1, "cs.LG"));

        var feed = await FeedClient.LoadAsync(site, "/feeds/daily.atom?limit=5");

        Assert.Equal("https://papers.example.org/papers/2506.00001", feed.Items.Single().Id);
        Assert.Equal("https://papers.example.org/feeds/daily.atom?limit=5", feed.Links.Single(l => l.RelationshipType == "self").Uri.ToString());
        Assert.Equal("https://papers.example.org/feeds/daily.atom", feed.Id);
    }

    [Fact]
    public async Task AFeed_IsTheSameBytesUntilItsListChanges_SoConditionalGetsCanAnswer304()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        await site.SeedAsync(Paper("2506.00001", Monday, 1, "cs.LG"));

        var first = await FeedClient.GetXmlAsync(site, "/feeds/trending.atom");
        site.Clock.Advance(TimeSpan.FromHours(1));
        var second = await FeedClient.GetXmlAsync(site, "/feeds/trending.atom");
        using var fresh = await site.GetAsync("/feeds/trending.atom");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/feeds/trending.atom");
        again.Headers.IfNoneMatch.Add(fresh.Headers.ETag!);
        using var notModified = await site.Client.SendAsync(again, TestContext.Current.CancellationToken);
        await site.SeedAsync(Paper("2506.00002", Monday, 2, "cs.LG"));
        var changed = await FeedClient.GetXmlAsync(site, "/feeds/trending.atom");

        Assert.Equal(first, second);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.NotEqual(first, changed);
    }

    private static List<string> Creators(SyndicationItem item) =>
        item.ElementExtensions.Where(e => e.OuterName == "creator" && e.OuterNamespace == "http://purl.org/dc/elements/1.1/")
            .Select(e => e.GetObject<System.Xml.Linq.XElement>().Value).ToList();
}
