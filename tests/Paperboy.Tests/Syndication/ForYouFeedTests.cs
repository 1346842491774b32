using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Tokens;
using Paperboy.Digests;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

public class ForYouFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 3);

    /// <summary>Picks given by arXiv id; records who and which period they were asked for.</summary>
    private sealed class Picks : IForYouPicks
    {
        public string[] ArxivIds { get; set; } = [];
        public List<(string Email, DigestPeriod Period, int Count)> Asked { get; } = [];
        public TestSite? Site { get; set; }

        public async Task<IReadOnlyList<long>> PickAsync(string email, DigestPeriod period, int count, CancellationToken ct)
        {
            lock (Asked) Asked.Add((email, period, count));
            await using var db = Site!.Database.CreateContext();
            var ids = await db.Papers.Where(p => ArxivIds.Contains(p.ArxivId)).ToDictionaryAsync(p => p.ArxivId, p => p.Id, ct);
            return ArxivIds.Select(a => ids[a]).ToList();
        }
    }

    private static async Task<(TestSite Site, Picks Picks)> SiteAsync(Engine engine)
    {
        var picks = new Picks();
        var site = await TestSite.StartAsync(engine, services: s => s.AddSingleton<IForYouPicks>(picks));
        picks.Site = site;
        await site.SeedAsync(Enumerable.Range(1, 4).Select(i => TestSite.Paper($"2506.0000{i}", Day, i)).ToArray());
        return (site, picks);
    }

    private static async Task<string> TokenAsync(TestSite site, string user, string[] scopes, DateTime? expires = null, bool revoke = false)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Paperboy.Data.AppDbContext>();
        var id = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct);
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var (token, secret) = await tokens.CreateAsync(id, "feed reader", scopes, expires, Ct);
        if (revoke) Assert.True(await tokens.RevokeAsync(id, token.Id, Ct));
        return secret;
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task WithAFeedToken_IsTheMembersPicksInOrder_WithoutHiddenPapers_AndPrivate(Engine engine)
    {
        var (site, picks) = await SiteAsync(engine);
        await using var _ = site;
        using var alice = await WebSession.MemberAsync(site, "alice");
        var token = await TokenAsync(site, "alice", [ApiScopes.Feed]);
        picks.ArxivIds = ["2506.00003", "2506.00001", "2506.00004", "2506.00002"];
        await FeedData.HideAsync(site, "2506.00004");

        var url = $"/feeds/users/alice/for-you.atom?token={token}";
        var atom = await FeedClient.LoadAsync(site, url);
        var rss = await FeedClient.LoadAsync(site, $"/feeds/users/alice/for-you.rss?token={token}&limit=2");
        using var response = await site.GetAsync(url);

        Assert.Equal(["2506.00003", "2506.00001", "2506.00002"], FeedClient.Ids(atom));
        Assert.Equal(["2506.00003", "2506.00001"], FeedClient.Ids(rss));
        Assert.Equal("Picked for alice · Paperboy", atom.Title.Text);
        // Its id never carries the secret; its self link is the address the reader was given.
        Assert.Equal("http://localhost/feeds/users/alice/for-you.atom", atom.Id);
        Assert.Equal("http://localhost" + url, atom.Links.Single(l => l.RelationshipType == "self").Uri.ToString());
        Assert.Contains("private", response.Headers.CacheControl?.ToString());
        Assert.Contains(picks.Asked, a => a.Email == "alice@example.org" && a.Period == DigestPeriod.Weekly(Day) && a.Count == 50);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task WithoutPicks_IsAValidEmptyFeed_AlsoWithABearerToken(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        using var alice = await WebSession.MemberAsync(site, "alice");
        var token = await TokenAsync(site, "alice", [ApiScopes.Vote, ApiScopes.Feed]);

        var feed = await FeedClient.LoadAsync(site, $"/feeds/users/alice/for-you.rss?token={token}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/users/alice/for-you.atom");
        request.Headers.Authorization = new("Bearer", token);
        using var bearer = await site.Client.SendAsync(request, Ct);
        var parsed = FeedClient.Parse("atom", await bearer.Content.ReadAsStringAsync(Ct));
        var python = await Feedparser.ParseAsync(await FeedClient.GetXmlAsync(site, $"/feeds/users/alice/for-you.atom?token={token}"));

        Assert.Empty(feed.Items);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Empty(parsed.Items);
        Assert.False(python.Bozo, python.BozoException);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BadTokens_OpenNothing_AndSayWhy(Engine engine)
    {
        var (site, picks) = await SiteAsync(engine);
        await using var _ = site;
        using var alice = await WebSession.MemberAsync(site, "alice");
        using var bob = await WebSession.MemberAsync(site, "bob");
        picks.ArxivIds = ["2506.00001"];
        var votes = await TokenAsync(site, "alice", [ApiScopes.Vote]);
        var revoked = await TokenAsync(site, "alice", [ApiScopes.Feed], revoke: true);
        var expired = await TokenAsync(site, "alice", [ApiScopes.Feed], expires: site.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var bobs = await TokenAsync(site, "bob", [ApiScopes.Feed]);

        (string Url, HttpStatusCode Status, string Says)[] cases =
        [
            ("/feeds/users/alice/for-you.atom", HttpStatusCode.NotFound, "?token="),
            ($"/feeds/users/alice/for-you.atom?token=pb_{new string('x', 43)}", HttpStatusCode.NotFound, "not known"),
            ($"/feeds/users/alice/for-you.atom?token={revoked}", HttpStatusCode.NotFound, "revoked"),
            ($"/feeds/users/alice/for-you.rss?token={expired}", HttpStatusCode.NotFound, "expired"),
            ($"/feeds/users/alice/for-you.atom?token={votes}", HttpStatusCode.Forbidden, "'feed' scope"),
            ($"/feeds/users/alice/for-you.atom?token={bobs}", HttpStatusCode.NotFound, "not alice's"),
            ($"/feeds/users/nobody/for-you.atom?token={bobs}", HttpStatusCode.NotFound, "not nobody's"),
            ($"/feeds/users/bob/for-you.atom?token={bobs}&limit=1000", HttpStatusCode.BadRequest, "limit"),
        ];
        foreach (var (url, status, says) in cases)
        {
            var (actual, detail) = await FeedClient.ProblemAsync(site, url);
            Assert.True(actual == status, $"{url}: {(int)actual} {detail}");
            Assert.Contains(says, detail);
        }
        // A signed-in member's cookie is no token: their own feed still needs one.
        using var cookie = await alice.GetAsync("/feeds/users/alice/for-you.atom");
        Assert.Equal(HttpStatusCode.NotFound, cookie.StatusCode);
        Assert.Empty(picks.Asked);
    }
}
