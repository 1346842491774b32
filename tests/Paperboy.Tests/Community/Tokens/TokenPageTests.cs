using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Tokens;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Community.Tokens.TokenKit;

namespace Paperboy.Tests.Community.Tokens;

/// <summary>/account/tokens: making, listing and revoking tokens, and who may do which.</summary>
public class TokenPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MakeToken_ShowsTheSecretOnce_StoresOnlyItsHash_AndListsIt(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        Assert.Contains("href=\"/account/tokens\"", await ada.GetStringAsync("/account/settings"));

        var (status, html, response) = await PostCreateAsync(ada, "laptop <script>", ["vote", "comment"], days: 30);
        var secret = SecretIn(html);
        var later = await ada.GetStringAsync(Page);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.NotNull(secret);
        Assert.Matches("^pb_[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("shown only this once", html);
        // Gone on the next visit; only its first characters remain, to tell it apart.
        Assert.DoesNotContain(secret, later);
        Assert.Null(SecretIn(later));
        Assert.Contains($"<code>{secret[..9]}…</code>", later);
        Assert.Contains("laptop &lt;script&gt;", later);
        Assert.DoesNotContain("laptop <script>", later);
        Assert.Contains("<td>comment, vote</td>", later);
        Assert.Contains("Jul 4, 2025", later); // 30 days after TestSite.DefaultNow

        await using var db = site.Database.CreateContext();
        var row = await db.ApiTokens.SingleAsync(Ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.Hash);
        Assert.DoesNotContain(secret[9..], row.Hash + row.Prefix + row.Name);
        Assert.Equal(secret[..9], row.Prefix);
        Assert.Equal(["comment", "vote"], row.Scopes);
        Assert.Equal(TestSite.DefaultNow.UtcDateTime.AddDays(30), DateTime.SpecifyKind(row.ExpiresAt!.Value, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("", "vote", "0", "Give the token a name")]
    [InlineData("x", "", "0", "at least one thing")]
    [InlineData("x", "admin", "0", "no scope called 'admin'")]
    [InlineData("x", "vote", "7", "expires from the list")]
    [InlineData("x", "vote", "soon", "expires from the list")]
    public async Task MakeToken_WithBadFields_Is400AndMakesNothing(string name, string scope, string days, string message)
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var fields = new List<KeyValuePair<string, string>> { new("Name", name), new("ExpiresInDays", days) };
        if (scope.Length > 0) fields.Add(new("Scopes", scope));

        using var response = await ada.PostFormAsync(Page, Page + "?handler=create", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.ApiTokens.CountAsync(Ct));
    }

    [Fact]
    public async Task MakeToken_WithoutAntiforgeryToken_Is400()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var ada = await WebSession.MemberAsync(site, "ada");

        using var forged = await ada.PostWithoutTokenAsync(Page + "?handler=create", CreateForm("x", ["vote"]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.ApiTokens.CountAsync(Ct));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var anonymous = new WebSession(site);
        using var response = await anonymous.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/signin", response.Headers.Location!.ToString());
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task RevokingAnotherMembersToken_DoesNothing_AndSaysSo(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        using var bob = await WebSession.MemberAsync(site, "bob");
        var secret = await CreateAllAsync(ada, "ada's");
        var id = await IdOfAsync(site, "ada's");

        using var refused = await RevokeAsync(bob, id);
        var bobsPage = await bob.GetStringAsync(Page);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("nothing was revoked", await refused.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("ada&#x27;s", bobsPage);
        Assert.Contains("You have no tokens yet.", bobsPage);
        var (status, _, response) = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers/2506.00001/upvote", secret));
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        await using var db = site.Database.CreateContext();
        Assert.Null(await db.ApiTokens.Where(t => t.Id == id).Select(t => t.RevokedAt).SingleAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task RevokedToken_Is401SayingRevoked_AndIsListedAsRevoked(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAllAsync(ada, "script");

        using (var revoked = await RevokeAsync(ada, await IdOfAsync(site, "script")))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            Assert.Contains("Token revoked", await revoked.Content.ReadAsStringAsync(Ct));
        }
        var answer = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers/2506.00001/upvote", secret));
        using var again = await RevokeAsync(ada, await IdOfAsync(site, "script"));

        AssertProblem(HttpStatusCode.Unauthorized, "revoked", answer);
        Assert.Contains("invalid_token", answer.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("<span class=\"token-state\">revoked <time", await ada.GetStringAsync(Page));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ExpiredToken_Is401SayingExpired_AndIsListedAsExpired(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        string secret;
        // Made through the service with a minute to live: the fake clock then moves one minute, not the thirty days
        // of the shortest expiry the page offers (the site's background workers would catch up on every one of them).
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var adaId = await IdOfMemberAsync(site, "ada");
            (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
                .CreateAsync(adaId, "short-lived", ["vote"], TestSite.DefaultNow.UtcDateTime.AddMinutes(1), Ct);
        }
        var first = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers/2506.00001/upvote", secret));
        first.Response.Dispose();

        site.Clock.Advance(TimeSpan.FromMinutes(1));
        var answer = await ReadAsync(CallAsync(site, HttpMethod.Delete, "/api/papers/2506.00001/upvote", secret));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        AssertProblem(HttpStatusCode.Unauthorized, "expired", answer);
        Assert.Equal(11, (int)(await PaperAsync(site, "2506.00001"))["upvotes"]!);
        Assert.Contains("<span class=\"token-state\">expired</span>", await ada.GetStringAsync(Page));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BannedMember_CannotMakeTokens_ButCanRevokeThem(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var eve = await WebSession.MemberAsync(site, "eve");
        await CreateAllAsync(eve, "old");
        await BanAsync(site, "eve");

        var page = await eve.GetStringAsync(Page);
        var (status, html, response) = await PostCreateAsync(eve, "new", ["vote"]);
        response.Dispose();
        using var revoked = await RevokeAsync(eve, await IdOfAsync(site, "old"));

        Assert.Contains("you cannot make tokens", page);
        Assert.DoesNotContain("handler=create", page);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Your account is banned", html);
        Assert.Null(SecretIn(html));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await using var db = site.Database.CreateContext();
        Assert.Equal(1, await db.ApiTokens.CountAsync(Ct));
        Assert.NotNull(await db.ApiTokens.Select(t => t.RevokedAt).SingleAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task LiveTokens_AreLimitedPerMember_ExpiredAndRevokedOnesDoNotCount(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var adaId = await IdOfMemberAsync(site, "ada");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
            for (var i = 0; i < ApiTokenService.MaxTokensPerUser - 1; i++)
                await tokens.CreateAsync(adaId, $"t{i}", ["vote"], null, Ct);
            await tokens.CreateAsync(adaId, "expired", ["vote"], TestSite.DefaultNow.UtcDateTime.AddDays(-1), Ct);
        }

        var (lastStatus, _, r1) = await PostCreateAsync(ada, "the last one", ["vote"]);
        var (overStatus, overHtml, r2) = await PostCreateAsync(ada, "one too many", ["vote"]);
        r1.Dispose(); r2.Dispose();
        using (await RevokeAsync(ada, await IdOfAsync(site, "t0"))) { }
        var (afterRevoke, _, r3) = await PostCreateAsync(ada, "in its place", ["vote"]);
        r3.Dispose();

        Assert.Equal(HttpStatusCode.OK, lastStatus);
        Assert.Equal(HttpStatusCode.Conflict, overStatus);
        Assert.Contains("the most one member may have", overHtml);
        Assert.Null(SecretIn(overHtml));
        Assert.Equal(HttpStatusCode.OK, afterRevoke);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AToken_OpensNoPage_SoItCannotMakeTokensOrChangeTheAccount(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var feedOnly = await CreateAsync(ada, "reader", "feed");

        // A browser-like client that sends the token with every request and keeps the cookies it is given.
        using var program = new WebSession(site);
        program.Client.DefaultRequestHeaders.Authorization = new("Bearer", feedOnly);
        using var tokensPage = await program.GetAsync(Page);
        using var settings = await program.GetAsync("/account/settings");
        var paper = await program.GetStringAsync("/papers/2506.00001");
        // The sign-in page's form token is valid for an anonymous visitor, which is all a page sees here.
        using var create = await program.PostFormAsync("/account/signin", Page + "?handler=create", CreateForm("escalated", ["vote", "submit", "comment", "feed"]));
        using var email = await program.PostFormAsync("/account/signin", "/account/settings?handler=email", [new("email", "mallory@example.org")]);
        using var vote = await program.PostFormAsync("/account/signin", "/vote", [new("paper", "2506.00001"), new("up", "true")]);

        foreach (var response in new[] { tokensPage, settings, create, email, vote })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/signin", response.Headers.Location!.ToString());
        }
        Assert.DoesNotContain("class=\"vote-form\"", paper);
        Assert.Contains(">Sign in</a>", paper);
        await using var db = site.Database.CreateContext();
        Assert.Equal(["reader"], await db.ApiTokens.Select(t => t.Name).ToListAsync(Ct));
        Assert.Equal("ada@example.org", await db.Users.Select(u => u.Email).SingleAsync(Ct));
        Assert.Equal(0, await db.Votes.CountAsync(Ct));
    }
    [Fact]
    public async Task FeedToken_ShowsThePrivateFeedAddress_WhichAFeedReaderCanOpen()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var ada = await WebSession.MemberAsync(site, "ada");

        var (_, withFeed, r1) = await PostCreateAsync(ada, "reader", ["feed"]);
        var (_, voteOnly, r2) = await PostCreateAsync(ada, "voter", ["vote"]);
        r1.Dispose();
        r2.Dispose();
        var address = System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(withFeed, "id=\"token-feed\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        // A feed reader has no cookie: the address alone must open the feed.
        using var reader = new HttpClient(site.Server.CreateHandler()) { BaseAddress = site.Client.BaseAddress };
        using var feed = await reader.GetAsync(new Uri(address).PathAndQuery, TestContext.Current.CancellationToken);

        Assert.StartsWith("http://localhost/feeds/users/ada/for-you.atom?token=pb_", address);
        Assert.Equal(SecretIn(withFeed), address[(address.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.DoesNotContain("token-feed", voteOnly);
        Assert.Equal(System.Net.HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
    }
}
