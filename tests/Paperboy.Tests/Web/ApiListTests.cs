using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

/// <summary>The periods, sorts and submitter of <c>/api/daily_papers</c>, and the cursor pages of <c>/api/papers</c>.</summary>
public class ApiListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> IdsAsync(TestSite site, string url) =>
        ((JsonArray)JsonNode.Parse(await site.GetStringAsync(url))!).Select(i => (string)i!["paper"]!["id"]!).ToList();

    /// <summary>Mon 2 and Sun 8 June 2025 are one ISO week (2025-W23); Mon 9 June is the next; 30 May is the month before.</summary>
    private static async Task<TestSite> WeekSiteAsync(Engine engine)
    {
        var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2505.00001", new DateOnly(2025, 5, 30), 90),
            TestSite.Paper("2506.00001", new DateOnly(2025, 6, 2), 10, publishedAt: new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc)),
            TestSite.Paper("2506.00002", new DateOnly(2025, 6, 8), 30, publishedAt: new DateTime(2025, 6, 7, 0, 0, 0, DateTimeKind.Utc)),
            TestSite.Paper("2506.00003", new DateOnly(2025, 6, 9), 20) with
            {
                Daily = TestSite.Paper("x", new DateOnly(2025, 6, 9), 20).Daily! with { SubmittedBy = "grace" },
            });
        return site;
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task WeekAndMonth_CoverTheirDays_ByUpvotes(Engine engine)
    {
        await using var site = await WeekSiteAsync(engine);

        Assert.Equal(["2506.00002", "2506.00001"], await IdsAsync(site, "/api/daily_papers?week=2025-W23"));
        Assert.Equal(["2506.00003"], await IdsAsync(site, "/api/daily_papers?week=2025-W24"));
        Assert.Equal(["2506.00002", "2506.00003", "2506.00001"], await IdsAsync(site, "/api/daily_papers?month=2025-06"));
        Assert.Equal(["2505.00001"], await IdsAsync(site, "/api/daily_papers?month=2025-05"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SortAndSubmitter_WithinAPeriodOrOverEveryEntry(Engine engine)
    {
        await using var site = await WeekSiteAsync(engine);

        // publishedAt: newest paper first, whatever its upvotes.
        Assert.Equal(["2506.00002", "2506.00001"], await IdsAsync(site, "/api/daily_papers?week=2025-W23&sort=publishedAt"));
        Assert.Equal(["grace"], ((JsonArray)JsonNode.Parse(await site.GetStringAsync("/api/daily_papers?submitter=grace"))!)
            .Select(i => (string)i!["submittedBy"]!["name"]!));
        Assert.Equal(["2506.00002", "2506.00001"], await IdsAsync(site, "/api/daily_papers?submitter=ada&month=2025-06"));
        Assert.Empty(await IdsAsync(site, "/api/daily_papers?submitter=nobody"));
        // A sort without a period lists every entry, not the latest day only.
        Assert.Equal(4, (await IdsAsync(site, "/api/daily_papers?sort=upvotes")).Count);
        Assert.Equal(["2506.00003"], await IdsAsync(site, "/api/daily_papers"));
    }

    [Theory]
    [InlineData("week=2025-23", "week")]
    [InlineData("week=2025-W54", "week")]
    [InlineData("week=2025-W53", "week")]
    [InlineData("month=2025-13", "month")]
    [InlineData("month=2025-6", "month")]
    [InlineData("date=2025-06-02&week=2025-W23", "give at most one")]
    [InlineData("sort=newest", "sort")]
    [InlineData("sort=", "sort")]
    [InlineData("submitter=", "submitter")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    public async Task DailyPapers_BadValues_Are400WithAMessage(string query, string named)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync($"/api/daily_papers?{query}");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(named, (string)problem["detail"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AllPapers_CursorWalk_ReturnsEveryVisiblePaperOnce(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        var day = new DateOnly(2025, 6, 2);
        await site.SeedAsync(Enumerable.Range(1, 7).Select(i => TestSite.Paper($"2506.0000{i}", day, i)).ToArray());
        // Papers without a feed entry are papers too; one whose entry a moderator hid is not listed.
        await site.SeedAsync(new Paperboy.Import.PaperRecord { ArxivId = "hep-th/9901001", Title = "Old" });
        await using (var db = site.Database.CreateContext())
        {
            var hidden = await db.Papers.SingleAsync(p => p.ArxivId == "2506.00004", Ct);
            await db.DailyEntries.Where(e => e.PaperId == hidden.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.HiddenAt, DateTime.UtcNow), Ct);
        }

        var seen = new List<string>();
        var url = "/api/papers?limit=3";
        var pages = 0;
        while (url is not null)
        {
            using var response = await site.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.InRange(page.Count, 1, 3);
            seen.AddRange(page.Select(p => (string)p!["id"]!));
            url = response.Headers.TryGetValues("Link", out var link) ? NextLink(link.Single()) : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["2506.00001", "2506.00002", "2506.00003", "2506.00005", "2506.00006", "2506.00007", "hep-th/9901001"], seen);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AllPapers_CursorIssuedByOneProcess_WorksInAnother(Engine engine)
    {
        // Two sites on one database stand for a restart or a second node: the cursor's keys live in the database.
        await using var first = await TestSite.StartAsync(engine);
        await first.SeedAsync(Enumerable.Range(1, 3).Select(i => TestSite.Paper($"2506.0000{i}", new DateOnly(2025, 6, 2), i)).ToArray());
        using var response = await first.GetAsync("/api/papers?limit=2");
        var next = NextLink(response.Headers.GetValues("Link").Single());

        await using var other = await TestSite.StartAsync(engine, database: first.Database);
        Assert.Equal(["2506.00003"], ((JsonArray)JsonNode.Parse(await other.GetStringAsync(next))!).Select(p => (string)p!["id"]!));
    }

    [Theory]
    [InlineData("cursor=abc")]
    [InlineData("cursor=")]
    [InlineData("cursor=CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    public async Task AllPapers_ACursorNeverIssued_OrABadLimit_Is400(string query)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync($"/api/papers?{query}");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(query.StartsWith("cursor") ? "cursor" : "limit", (string)problem["detail"]!);
    }

    private static string NextLink(string header)
    {
        Assert.EndsWith("; rel=\"next\"", header);
        return header[1..header.IndexOf('>')];
    }
}
