using System.Net;
using System.Text.Json.Nodes;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

public class DailyPapersApiTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonArray> GetArrayAsync(TestSite site, string url) =>
        (JsonArray)JsonNode.Parse(await site.GetStringAsync(url))!;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DailyPapers_OrdersByUpvotes_AndPagesWithLimitAndP(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(Enumerable.Range(1, 5).Select(i => TestSite.Paper($"2506.0000{i}", Monday, i * 10)).ToArray());

        var all = await GetArrayAsync(site, "/api/daily_papers?date=2025-06-02");
        var second = await GetArrayAsync(site, "/api/daily_papers?date=2025-06-02&limit=2&p=1");
        var beyond = await GetArrayAsync(site, "/api/daily_papers?date=2025-06-02&limit=2&p=3");

        Assert.Equal([50, 40, 30, 20, 10], all.Select(i => (int)i!["paper"]!["upvotes"]!));
        Assert.Equal(["2506.00003", "2506.00002"], second.Select(i => (string)i!["paper"]!["id"]!));
        Assert.Empty(beyond);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DailyPapers_WithoutDate_AnswersTheLatestDayWithEntries(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2505.00001", new DateOnly(2025, 5, 30), 5), TestSite.Paper("2506.00001", Monday, 1));

        var latest = await GetArrayAsync(site, "/api/daily_papers");
        var emptyDay = await GetArrayAsync(site, "/api/daily_papers?date=2025-06-01");

        Assert.Equal("2506.00001", (string)latest.Single()!["paper"]!["id"]!);
        Assert.Empty(emptyDay);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DailyPapers_CachedForAFewSeconds_ThenFresh(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 5));
        const string url = "/api/daily_papers?date=2025-06-02";
        Assert.Equal(5, (int)(await GetArrayAsync(site, url))[0]!["paper"]!["upvotes"]!);

        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 9));
        var cached = await GetArrayAsync(site, url);
        site.Clock.Advance(TimeSpan.FromSeconds(6));
        var fresh = await GetArrayAsync(site, url);

        Assert.Equal(5, (int)cached[0]!["paper"]!["upvotes"]!);
        Assert.Equal(9, (int)fresh[0]!["paper"]!["upvotes"]!);
    }

    [Theory]
    [InlineData("date=2025-13-01", "date")]
    [InlineData("date=02-06-2025", "date")]
    [InlineData("date=", "date")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("p=-1", "p (the page")]
    [InlineData("p=abc", "p (the page")]
    [InlineData("p=99999999999999", "p (the page")]
    public async Task DailyPapers_BadInput_Is400ProblemDetails(string query, string named)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync($"/api/daily_papers?{query}");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (int)problem["status"]!);
        Assert.StartsWith(named, (string)problem["detail"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Paper_ByIdInAnySpelling_IsHuggingFacesPaperObject(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 7, version: 2), new Paperboy.Import.PaperRecord { ArxivId = "hep-th/9901001", Title = "Old" });

        foreach (var id in new[] { "2506.00001", "2506.00001v2", "arXiv:2506.00001" })
        {
            var paper = JsonNode.Parse(await site.GetStringAsync($"/api/papers/{id}"))!;
            Assert.Equal("2506.00001", (string)paper["id"]!);
            Assert.Equal(7, (int)paper["upvotes"]!);
            Assert.Equal("2025-06-02T12:00:00.000Z", (string)paper["submittedOnDailyAt"]!);
            Assert.Equal("ada", (string)paper["submittedOnDailyBy"]!["user"]!);
            Assert.Equal(2, (int)paper["paperboy"]!["version"]!);
            Assert.Equal("https://arxiv.org/pdf/2506.00001v2", (string)paper["paperboy"]!["pdfUrl"]!);
            Assert.Equal("2025-06-02", (string)paper["paperboy"]!["day"]!);
        }
        var old = JsonNode.Parse(await site.GetStringAsync("/api/papers/hep-th/9901001"))!;
        Assert.Equal("hep-th/9901001", (string)old["id"]!);
        Assert.Equal(0, (int)old["upvotes"]!);
        Assert.Null(old["submittedOnDailyAt"]);
    }

    [Theory]
    [InlineData("/api/papers/2103.14749")]
    [InlineData("/api/papers/not-an-id")]
    [InlineData("/api/no-such-endpoint")]
    public async Task UnknownPaperOrEndpoint_Is404ProblemDetails(string url)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync(url);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int)problem["status"]!);
    }
}
