using System.Net;
using System.Text.Json.Nodes;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Search;

/// <summary>The results page and the search API by keywords, before any embedding exists.</summary>
public class SearchPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> ResultIds(string html) => FeedData.CardIds(html);

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Words_FindPapers_WithMatchesMarked_FacetsThatNarrow_AndANoteThatMeaningIsNotReady(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine);

        var html = await site.GetStringAsync("/search?q=radar");

        // Both mention radar; the one with it in its title comes first.
        Assert.Equal(["2506.00002", "2506.00001"], ResultIds(html));
        Assert.Contains("<mark>radar</mark>", html);
        Assert.Contains("2 results", html);
        Assert.Contains("not ready yet", html);
        Assert.Contains("href=\"/search?q=radar%20category%3Aphysics.ao-ph\"", html);
        Assert.Contains("href=\"/search?q=radar%20year%3A2025\"", html);

        var narrowed = await site.GetStringAsync("/search?q=radar%20category%3Acs.LG");
        Assert.Equal(["2506.00001"], ResultIds(narrowed));
        Assert.Equal(["2506.00001"], ResultIds(await site.GetStringAsync("/search?q=has%3Acode")));
        Assert.Equal(["2506.00004"], ResultIds(await site.GetStringAsync("/search?q=year%3A..2024")));
        Assert.Equal(["2506.00002"], ResultIds(await site.GetStringAsync("/search?q=author%3A%22Edsger%20Dijkstra%22")));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AChangedPaper_IsFoundByItsNewWords_AfterTheIndexCatchesUp(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine);
        Assert.Equal(["2506.00003"], ResultIds(await site.GetStringAsync("/search?q=protein")));

        await site.SeedAsync(SearchSite.Papers()[2] with { Version = 2, Title = "Enzyme kinetics at low temperature", Abstract = "Enzymes slow down." });
        await SearchSite.LevelAsync(site, embeddings: false);

        Assert.Empty(ResultIds(await site.GetStringAsync("/search?q=protein")));
        Assert.Equal(["2506.00003"], ResultIds(await site.GetStringAsync("/search?q=enzyme")));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Api_AnswersInHuggingFacesShape_AndRefusesBadValuesWith400(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine);

        using var ok = await site.GetAsync("/api/papers/search?q=contracts&limit=5");
        // No vectors on this site: a hybrid request (the default) runs on words and says so.
        Assert.Equal("keyword", Assert.Single(ok.Headers.GetValues("X-Search-Mode")));
        var json = JsonNode.Parse(await ok.Content.ReadAsStringAsync(Ct))!.AsArray();

        var entry = Assert.Single(json)!;
        Assert.Equal("2506.00004", (string?)entry["paper"]!["id"]);
        Assert.Equal("Translating legal contracts between German and French", (string?)entry["title"]);
        Assert.Equal("Donald Knuth", (string?)entry["paper"]!["authors"]![0]!["name"]);
        foreach (var bad in new[] { "", "?q=", "?q=%20%20", "?q=x&limit=0", "?q=x&limit=1000", "?q=x&limit=ten", "?q=x&mode=psychic" })
        {
            using var response = await site.GetAsync("/api/papers/search" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.False(string.IsNullOrEmpty((string?)problem["detail"]), bad);
        }
    }

    [Fact]
    public async Task HostileQueries_GetAPage_NeverAnError()
    {
        await using var site = await SearchSite.StartAsync(Engine.Sqlite);
        var queries = new[]
        {
            new string('a', 10_240), "\"unbalanced phrase", "author:", "year:abc..", "date:2025-13-45..", "((((", "*:*",
            "\u0000\u0001\u0002\uFFFD binary", "category:", "title:x AND OR NOT", "has:nothing", "<script>alert(1)</script>",
        };
        foreach (var q in queries)
        {
            using var page = await site.GetAsync("/search?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("<script>alert(1)", html);
            using var api = await site.GetAsync("/api/papers/search?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }
    }

    [Fact]
    public async Task AnArxivIdOrLink_OpensThePaper_AndAnEmptyQueryExplainsTheSyntax()
    {
        await using var site = await SearchSite.StartAsync(Engine.Sqlite);
        foreach (var q in new[] { "2506.00003", "https://arxiv.org/abs/2506.00003v2" })
        {
            using var response = await site.GetAsync("/search?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/papers/2506.00003", response.Headers.Location!.OriginalString);
        }
        Assert.Contains("author:Hinton", await site.GetStringAsync("/search"));
    }
}
