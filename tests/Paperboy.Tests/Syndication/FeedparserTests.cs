using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

public class FeedparserTests
{
    private static readonly DateOnly Day = new(2025, 6, 2);

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task EveryListFeed_IsReadWithoutComplaint_WithItsEntriesInOrder(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Day, 30, "Plain title"),
            TestSite.Paper("2506.00002", Day, 20, "Tags <script>alert(1)</script> & \"quotes\" ]]>"),
            TestSite.Paper("2506.00003", Day, 10, "Control\u0001characters\u001F and \uFFFE non-characters", authors: ["Kovač\u0002, Mira"]));
        string[] titles = ["Plain title", "Tags <script>alert(1)</script> & \"quotes\" ]]>", "Control characters  and   non-characters"];

        foreach (var url in new[] { "/feeds/daily.atom", "/feeds/daily.rss", "/feeds/daily/2025-06-02.atom", "/feeds/categories/cs.LG.rss" })
        {
            var result = await Feedparser.ParseAsync(await FeedClient.GetXmlAsync(site, url));

            Assert.False(result.Bozo, $"{url}: {result.BozoException}");
            Assert.Equal(url.EndsWith(".rss") ? "rss20" : "atom10", result.Version);
            Assert.Equal(titles, result.Titles);
            Assert.Equal(new[] { "2506.00001", "2506.00002", "2506.00003" }.Select(id => $"http://localhost/papers/{id}"), result.Links);
        }
    }

    [Theory, MemberData(nameof(FeedClient.Formats), MemberType = typeof(FeedClient))]
    public async Task AnEmptyFeed_IsReadWithoutComplaint(string format)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        var result = await Feedparser.ParseAsync(await FeedClient.GetXmlAsync(site, $"/feeds/trending.{format}"));

        Assert.False(result.Bozo, result.BozoException);
        Assert.Empty(result.Titles);
    }
}
