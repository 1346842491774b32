using System.Net;
using System.Text.Json.Nodes;
using Paperboy.Tests.Community;
using Paperboy.Tests.Search;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

public class SearchFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime On(int year, int month) => new(year, month, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Search_GivesTheSearchResultsInTheirOrder_WithoutHiddenPapers(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine);
        const string query = "weather radar storms rainfall";
        var api = (JsonArray)JsonNode.Parse(await site.GetStringAsync($"/api/papers/search?q={Uri.EscapeDataString(query)}&mode=keyword"))!;
        var expected = api.Select(p => (string)p!["paper"]!["id"]!).ToList();

        var atom = await FeedClient.LoadAsync(site, $"/feeds/search.atom?q={Uri.EscapeDataString(query)}&mode=keyword");
        var rss = await FeedClient.LoadAsync(site, $"/feeds/search.rss?q={Uri.EscapeDataString(query)}&mode=keyword&limit=1");
        await FeedData.HideAsync(site, expected[0]);
        var afterHiding = await FeedClient.LoadAsync(site, $"/feeds/search.atom?q={Uri.EscapeDataString(query)}&mode=keyword");

        Assert.Equal(["2506.00001", "2506.00002"], expected.Order());
        Assert.Equal(expected, FeedClient.Ids(atom));
        Assert.Equal(expected.Take(1), FeedClient.Ids(rss));
        Assert.Equal(expected.Skip(1), FeedClient.Ids(afterHiding));
        Assert.Equal($"Search: {query} · Paperboy", atom.Title.Text);
        Assert.Equal($"http://localhost/search?q={Uri.EscapeDataString(query)}&mode=keyword",
            atom.Links.Single(l => l.RelationshipType == "alternate").Uri.OriginalString);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Author_IsEveryPaperWithThatAuthor_NewestFirst_CaseAndAccentsIgnored(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine);
        await site.SeedAsync(
            SearchSite.Paper("2506.00011", "Old work", "First.", ["cs.LG"], ["Kateřina Nováková", "Ada Lovelace"], published: On(2023, 2)),
            SearchSite.Paper("2506.00012", "New work", "Second.", ["cs.LG"], ["Ada Lovelace", "Kateřina Nováková"], published: On(2025, 4)),
            SearchSite.Paper("2506.00013", "Middle work", "Third.", ["cs.CL"], ["Kateřina Nováková"], published: On(2024, 7)),
            SearchSite.Paper("2506.00014", "Someone else", "Fourth.", ["cs.CL"], ["Kateřina Novák"], published: On(2025, 5)),
            SearchSite.Paper("2506.00015", "Hidden work", "Fifth.", ["cs.CL"], ["Kateřina Nováková"], published: On(2025, 6)));
        await FeedData.HideAsync(site, "2506.00015");
        await SearchSite.LevelAsync(site, embeddings: false);

        var atom = await FeedClient.LoadAsync(site, "/feeds/authors/katerina%20novakova.atom");
        var rss = await FeedClient.LoadAsync(site, "/feeds/authors/Kate%C5%99ina%20Nov%C3%A1kov%C3%A1.rss?limit=2");

        Assert.Equal(["2506.00012", "2506.00013", "2506.00011"], FeedClient.Ids(atom));
        Assert.Equal(["2506.00012", "2506.00013"], FeedClient.Ids(rss));
        Assert.Equal("Papers by Kateřina Nováková · Paperboy", rss.Title.Text);
    }

    [Theory]
    [InlineData("/feeds/search.atom", "q (the query) is required")]
    [InlineData("/feeds/search.rss?q=%20", "q (the query) is required")]
    [InlineData("/feeds/search.atom?q=x&mode=fuzzy", "mode must be")]
    [InlineData("/feeds/search.atom?q=x&limit=500", "limit must be")]
    [InlineData("/feeds/authors/Ada%22Lovelace.atom", "without quote marks")]
    [InlineData("/feeds/authors/%2E%2E%2E.atom", "without quote marks")]
    public async Task BadSearchFeeds_Are400(string url, string says)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        var (status, detail) = await FeedClient.ProblemAsync(site, url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(says, detail);
    }
}
