using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Votes;

/// <summary>Voting through the pages, as a browser without JavaScript does, and as site.js does (JSON).</summary>
public class VoteHttpTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private const string DayUrl = "/papers/date/2025-06-02";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestSite> SeededAsync(Engine engine, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var site = await TestSite.StartAsync(engine, settings: settings);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 10), TestSite.Paper("2506.00002", Monday, 20));
        return site;
    }

    private static async Task<(int Local, int Rows)> CountsAsync(TestSite site, string arxivId)
    {
        await using var db = site.Database.CreateContext();
        var paperId = await db.Papers.Where(p => p.ArxivId == arxivId).Select(p => p.Id).SingleAsync(Ct);
        var local = await db.DailyEntries.Where(e => e.PaperId == paperId).Select(e => e.LocalUpvotes).SingleAsync(Ct);
        return (local, await db.Votes.CountAsync(v => v.PaperId == paperId, Ct));
    }

    private static Dictionary<string, string> Vote(string paper, bool up, string returnUrl = DayUrl) =>
        new() { ["paper"] = paper, ["up"] = up ? "true" : "false", ["returnUrl"] = returnUrl };

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Member_SignsUp_Votes_Unvotes_AndADoubleVoteCountsOnce(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "ada");

        var before = await browser.GetStringAsync(DayUrl);
        var form = VotePages.VoteForm(before, "2506.00001")!;
        Assert.Contains("name=\"up\" value=\"true\"", form);
        Assert.Contains("aria-pressed=\"false\"", form);
        Assert.Contains($"name=\"returnUrl\" value=\"{DayUrl}\"", form);

        // The form, posted as a browser without JavaScript posts it, comes back to the page.
        using (var voted = await VotePages.ClickVoteAsync(browser, DayUrl, "2506.00001"))
        {
            Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
            Assert.Equal(DayUrl, voted.Headers.Location!.OriginalString);
        }
        var after = await browser.GetStringAsync(DayUrl);
        var card = FeedData.Cards(after).Single(c => c.Id == "2506.00001").Html;
        Assert.Contains("class=\"votes voted\" aria-pressed=\"true\"", card);
        Assert.Contains("<span class=\"votes-count\">11</span>", card);
        Assert.Contains("name=\"up\" value=\"false\"", card);
        Assert.Equal((1, 1), await CountsAsync(site, "2506.00001"));

        // The paper page shows the same state.
        var page = await browser.GetStringAsync("/papers/2506.00001");
        Assert.Contains("class=\"votes voted\" aria-pressed=\"true\"", page);
        Assert.Contains("<span class=\"votes-count\">11</span>", page);

        // A second "up" (a double click, a retried request) changes nothing.
        var token = VotePages.TokenOf(after);
        using (var again = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: true), token))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal((1, 1), await CountsAsync(site, "2506.00001"));

        // Clicking the highlighted box takes the vote back.
        using (var unvoted = await VotePages.ClickVoteAsync(browser, DayUrl, "2506.00001"))
            Assert.Equal(HttpStatusCode.Redirect, unvoted.StatusCode);
        Assert.Equal((0, 0), await CountsAsync(site, "2506.00001"));
        var last = FeedData.Cards(await browser.GetStringAsync(DayUrl)).Single(c => c.Id == "2506.00001").Html;
        Assert.Contains("<span class=\"votes-count\">10</span>", last);
        Assert.Contains("aria-pressed=\"false\"", last);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task JsonVote_AnswersTheNewStateAndCount(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "grace");

        using var response = await VotePages.ClickVoteAsync(browser, "/papers/2506.00002", "2506.00002", json: true);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("2506.00002", (string)json["paper"]!);
        Assert.True((bool)json["voted"]!);
        Assert.Equal(21, (int)json["upvotes"]!);

        var token = VotePages.TokenOf(await browser.GetStringAsync(DayUrl));
        using var down = await VotePages.PostAsync(browser, "/vote", Vote("2506.00002", up: false), token, json: true);
        var downJson = JsonNode.Parse(await down.Content.ReadAsStringAsync(Ct))!;
        Assert.False((bool)downJson["voted"]!);
        Assert.Equal(20, (int)downJson["upvotes"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Anonymous_SeesASignInLink_AndAVoteIsSentToSignIn(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        using var browser = new WebSession(site);

        var html = await browser.GetStringAsync(DayUrl);
        Assert.DoesNotContain("<form class=\"vote-form\"", html);
        Assert.Contains("<a class=\"votes\" href=\"/account/signin?returnUrl=%2Fpapers%2Fdate%2F2025-06-02\"", html);
        // No form means no antiforgery token, whose cookie would keep the page out of the output cache.
        Assert.DoesNotContain("__RequestVerificationToken", html);

        using var response = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: true), token: null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/signin", response.Headers.Location!.ToString());
        Assert.Equal((0, 0), await CountsAsync(site, "2506.00001"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task VoteWithoutAntiforgeryToken_Is400(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "mallory");

        using var forged = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: true), token: null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var wrong = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: true), token: "not-a-token");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal((0, 0), await CountsAsync(site, "2506.00001"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BannedMember_Is403(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "eve");
        var token = VotePages.TokenOf(await browser.GetStringAsync(DayUrl));
        await using (var db = site.Database.CreateContext())
            await db.Users.Where(u => u.UserName == "eve").ExecuteUpdateAsync(s => s
                .SetProperty(u => u.BannedAt, new DateTime(2025, 6, 4, 0, 0, 0, DateTimeKind.Utc))
                .SetProperty(u => u.BanReason, "spam"), Ct);

        using var page = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: true), token);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Your account is banned", await page.Content.ReadAsStringAsync(Ct));
        using var json = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: true), token, json: true);
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.Contains("banned", (string)JsonNode.Parse(await json.Content.ReadAsStringAsync(Ct))!["detail"]!);
        Assert.Equal((0, 0), await CountsAsync(site, "2506.00001"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task VoteOnUnknownUnlistedOrHiddenPaper_Is404_AndOnAMalformedId400(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        await site.SeedAsync(new Paperboy.Import.PaperRecord { ArxivId = "2506.00009", Title = "Not on the feed", Abstract = "." });
        await FeedData.HideAsync(site, "2506.00002");
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "alan");
        var token = VotePages.TokenOf(await browser.GetStringAsync(DayUrl));
        // The hidden paper is on no list and its page is gone for members, so no page offers a vote on it.
        Assert.Null(VotePages.VoteForm(await browser.GetStringAsync(DayUrl), "2506.00002"));
        using (var hiddenPage = await browser.GetAsync("/papers/2506.00002"))
            Assert.Equal(HttpStatusCode.NotFound, hiddenPage.StatusCode);

        foreach (var id in new[] { "2506.99999", "2506.00009", "2506.00002" })
        {
            using var response = await VotePages.PostAsync(browser, "/vote", Vote(id, up: true), token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var json = await VotePages.PostAsync(browser, "/vote", Vote(id, up: true), token, json: true);
            Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        }
        using var malformed = await VotePages.PostAsync(browser, "/vote", Vote("not an id", up: true), token);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Votes.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TakingBackAVoteOnAPaperHiddenSince_Is404_AndLeavesVoteAndCountAsTheyWere(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "alan");
        using (var voted = await VotePages.ClickVoteAsync(browser, DayUrl, "2506.00001"))
            Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        var token = VotePages.TokenOf(await browser.GetStringAsync(DayUrl));
        await FeedData.HideAsync(site, "2506.00001");

        using var response = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: false), token, json: true);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal((1, 1), await CountsAsync(site, "2506.00001"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TooManyVotes_Is429WithRetryAfter(Engine engine)
    {
        await using var site = await SeededAsync(engine, new Dictionary<string, string?> { ["Paperboy:RateLimits:Votes:Permits"] = "3" });
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "hasty");
        var token = VotePages.TokenOf(await browser.GetStringAsync(DayUrl));

        for (var i = 0; i < 3; i++)
        {
            using var ok = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: i % 2 == 0), token, json: true);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: false), token, json: true);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Too many requests", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!["title"]!);
        using var page = await VotePages.PostAsync(browser, "/vote", Vote("2506.00001", up: false), token);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.Contains("Retry-After"));
        // The refused votes did nothing: the first and third were "up".
        Assert.Equal((1, 1), await CountsAsync(site, "2506.00001"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SignedInPages_AreNeverOutputCached_AnonymousOnesAre(Engine engine)
    {
        await using var site = await SeededAsync(engine);
        using var member = new WebSession(site);
        await VotePages.SignUpAsync(member, "reader");
        using var anonymous = new WebSession(site);
        foreach (var url in new[] { DayUrl, "/papers", "/papers/week/2025-W23", "/papers/month/2025-06", "/papers/trending" })
        {
            Assert.Contains("<span class=\"votes-count\">10</span>", await member.GetStringAsync(url));
            Assert.Contains("<span class=\"votes-count\">10</span>", await anonymous.GetStringAsync(url));
        }

        await FeedData.SetLocalAsync(site, "2506.00001", 7);

        foreach (var url in new[] { DayUrl, "/papers", "/papers/week/2025-W23", "/papers/month/2025-06", "/papers/trending" })
        {
            using var response = await member.GetAsync(url);
            Assert.Contains("<span class=\"votes-count\">17</span>", await response.Content.ReadAsStringAsync(Ct));
            Assert.False(response.Headers.Contains("Age"), $"{url} came from the output cache for a member");
            // Within the cache's few seconds an anonymous reader gets the stored copy, which has no member's state.
            var cached = await anonymous.GetStringAsync(url);
            Assert.Contains("<span class=\"votes-count\">10</span>", cached);
            Assert.DoesNotContain("vote-form", cached);
            Assert.DoesNotContain("reader", cached);
        }
    }
}
