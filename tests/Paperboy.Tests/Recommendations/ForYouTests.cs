using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Digests;
using Paperboy.Recommendations;
using Paperboy.Tests.Community.Tokens;
using Paperboy.Tests.Community.Votes;
using Paperboy.Tests.Search;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Recommendations;

public sealed class ForYouTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Rainfall = "2506.00001", Storms = "2506.00002", Proteins = "2506.00003", Floods = "2506.00006", Enzymes = "2506.00007";

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_upvote_in_the_browser_brings_papers_like_it_with_the_reason(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        using (var voted = await VotePages.ClickVoteAsync(ada, $"/papers/{Rainfall}", Rainfall))
            Assert.True(voted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);

        var html = await ada.GetStringAsync("/for-you");
        var order = ForYouSite.Papers().Select(p => p.ArxivId).Where(id => html.Contains($"data-paper=\"{id}\"", StringComparison.Ordinal))
            .OrderBy(id => html.IndexOf($"data-paper=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(Rainfall, order); // already upvoted
        // The two other weather papers come before every other subject.
        Assert.Equal([Storms, Floods], order.Take(2).Order().ToList());
        Assert.Contains("Like “Rainfall prediction with recurrent networks”, which you upvoted", html);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_paper_marked_not_interested_never_comes_back_and_counts_against_its_kind(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var id = await ForYouSite.UserIdAsync(site, "ada");
        await ForYouSite.UpvoteAsync(site, id, Rainfall);
        var before = await ForYouSite.PicksAsync(site, id);
        Assert.Contains(Storms, before.Take(2).Select(p => p.ArxivId));

        await ForYouSite.MarkAsync(site, id, Storms, PaperMarkKind.NotInterested);

        foreach (var scope in new[] { PickScope.Days(SearchSite.Day.AddDays(-6), SearchSite.Day), PickScope.Everything })
            Assert.DoesNotContain(Storms, (await ForYouSite.PicksAsync(site, id, scope)).Select(p => p.ArxivId));
        foreach (var period in new[] { "week", "month", "all" })
            Assert.DoesNotContain($"data-paper=\"{Storms}\"", await ada.GetStringAsync($"/for-you?period={period}"));
        var digest = await site.Services.GetRequiredService<IForYouPicks>().PickAsync("ada@example.org", DigestPeriod.Weekly(SearchSite.Day), 10, Ct);
        Assert.DoesNotContain(await ForYouSite.PaperIdAsync(site, Storms), digest);
        Assert.Contains(await ForYouSite.PaperIdAsync(site, Floods), digest);

        // The mark is a negative at once: the storm paper now scores below where the model put it before.
        using var services = site.Services.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<Paperboy.Data.AppDbContext>();
        var recommender = site.Services.GetRequiredService<Recommender>();
        var signals = await SignalReader.ReadAsync(db, id, Ct);
        var withMark = await recommender.ModelAsync(db, signals, Ct);
        var withoutMark = await recommender.ModelAsync(db, signals with { NotInterested = [] }, Ct);
        var storms = site.Services.GetRequiredService<Paperboy.Search.Indexing.SearchIndexes>().Vectors.Get(await ForYouSite.PaperIdAsync(site, Storms))!;
        Assert.True(withMark.ContentScore(storms) < withoutMark.ContentScore(storms),
            $"{withMark.ContentScore(storms)} should be below {withoutMark.ContentScore(storms)}");
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Followed_authors_and_categories_pick_papers_and_say_so(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var id = await ForYouSite.UserIdAsync(site, "ada");
        Assert.Empty(await ForYouSite.PicksAsync(site, id));
        Assert.Contains("href=\"/welcome\"", await ada.GetStringAsync("/for-you"));

        await ForYouSite.FollowAsync(site, id, FollowKind.Author, "liskov");
        var picks = await ForYouSite.PicksAsync(site, id);
        Assert.Equal([Proteins, Enzymes], picks.Take(2).Select(p => p.ArxivId).Order().ToList());
        Assert.All(picks.Take(2), p => Assert.Equal("By Barbara Liskov, whom you follow", p.Reason));

        await ForYouSite.FollowAsync(site, id, FollowKind.Category, "cs.CL");
        picks = await ForYouSite.PicksAsync(site, id, PickScope.Everything);
        Assert.Contains(picks, p => p.ArxivId == "2506.00004" && p.Reason == "New in cs.CL, which you follow");
        Assert.Contains(picks, p => p.ArxivId == "2506.00008" && p.Reason == "New in cs.CL, which you follow");
        Assert.Equal([Proteins, Enzymes], picks.Take(2).Select(p => p.ArxivId).Order().ToList());
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Following_an_author_from_search_results_fills_the_page(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        const string search = "/search?q=author%3Aliskov";
        Assert.DoesNotContain("action=\"/follows\"", await site.GetStringAsync(search));
        using var ada = await WebSession.MemberAsync(site, "ada");
        var html = await ada.GetStringAsync(search);
        Assert.Contains("Follow author <strong>liskov</strong>", html);

        using (var followed = await ada.PostFormAsync(search, "/follows",
                   [new("kind", "author"), new("value", "liskov"), new("unfollow", "false"), new("returnUrl", search)]))
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Contains("Following author <strong>liskov</strong>", await ada.GetStringAsync(search));
        var page = await ada.GetStringAsync("/for-you");
        Assert.Contains("By Barbara Liskov, whom you follow", page);
        Assert.Contains($"data-paper=\"{Enzymes}\"", page);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_api_lists_picks_with_reasons_for_a_feed_token_only(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var id = await ForYouSite.UserIdAsync(site, "ada");
        await ForYouSite.UpvoteAsync(site, id, Rainfall);
        var feed = await TokenKit.CreateAsync(ada, "reader", "feed");
        var vote = await TokenKit.CreateAsync(ada, "voter", "vote");

        using var anonymous = await site.GetAsync("/api/for-you");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var wrongScope = await GetAsync(site, "/api/for-you", vote))
            Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        foreach (var bad in new[] { "/api/for-you?period=year", "/api/for-you?limit=0", "/api/for-you?limit=abc" })
        {
            using var response = await GetAsync(site, bad, feed);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"detail\"", await response.Content.ReadAsStringAsync(Ct));
        }

        using var ok = await GetAsync(site, "/api/for-you?limit=3", feed);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var picks = JsonNode.Parse(await ok.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal(3, picks.Count);
        Assert.Contains(picks[0]!["paper"]!["id"]!.GetValue<string>(), new[] { Storms, Floods });
        // The storm paper shares an author with the upvoted one, the flood paper only its subject: either way the
        // reason names the upvoted paper.
        Assert.Contains("“Rainfall prediction with recurrent networks”, which you upvoted", picks[0]!["reason"]!.GetValue<string>());
        Assert.True(picks[0]!["score"]!.GetValue<double>() >= picks[2]!["score"]!.GetValue<double>());
        Assert.DoesNotContain(picks, p => p!["paper"]!["id"]!.GetValue<string>() == Rainfall);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_private_feed_carries_the_picks(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        await ForYouSite.UpvoteAsync(site, await ForYouSite.UserIdAsync(site, "ada"), Rainfall);
        var token = await TokenKit.CreateAsync(ada, "reader", "feed");
        // The token says who the reader is: an address never confirmed does not empty their own feed.
        await using (var db = site.Database.CreateContext())
            await db.Users.Where(u => u.UserName == "ada").ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false), Ct);
        var atom = await site.GetStringAsync($"/feeds/users/ada/for-you.atom?token={Uri.EscapeDataString(token)}");
        Assert.Contains($"/papers/{Storms}", atom);
        Assert.Contains($"/papers/{Floods}", atom);
        Assert.DoesNotContain($"/papers/{Rainfall}", atom);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_digest_of_a_member_has_their_picks(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        await ForYouSite.UpvoteAsync(site, await ForYouSite.UserIdAsync(site, "ada"), Rainfall);
        var recipient = new DigestRecipient("ada@example.org", false, [], [], [], true,
            "http://localhost/manage", "http://localhost/unsubscribe", "digest.1@example.org");

        var content = await site.Services.GetRequiredService<DigestContentSource>().ForAsync(recipient, DigestPeriod.Daily(SearchSite.Day), Ct);

        var picks = Assert.Single(content.Alerts, a => a.Kind == DigestAlertKinds.ForYou);
        Assert.Equal([Storms, Floods], picks.Papers.Select(p => p.ArxivId).Take(2).Order().ToList());
        Assert.DoesNotContain(Rainfall, picks.Papers.Select(p => p.ArxivId));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_page_needs_a_member_and_a_known_period(Engine engine)
    {
        await using var site = await ForYouSite.StartAsync(engine);
        using var anonymous = await site.GetAsync("/for-you");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/signin", anonymous.Headers.Location!.OriginalString);
        using var ada = await WebSession.MemberAsync(site, "ada");
        using var bad = await ada.GetAsync("/for-you?period=decade");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        // A subscriber who is no member gets no picks in the digest.
        Assert.Empty(await site.Services.GetRequiredService<IForYouPicks>().PickAsync("nobody@example.org", DigestPeriod.Weekly(SearchSite.Day), 5, Ct));
    }

    private static Task<HttpResponseMessage> GetAsync(TestSite site, string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return site.Client.SendAsync(request, Ct);
    }
}
