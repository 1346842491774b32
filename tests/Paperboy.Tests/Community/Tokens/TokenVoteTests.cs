using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Community.Tokens.TokenKit;

namespace Paperboy.Tests.Community.Tokens;

/// <summary>Upvotes through the API, and the refusals every token-only write shares (shown here on the vote).</summary>
public class TokenVoteTests
{
    private const string Upvote = "/api/papers/2506.00001/upvote";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Upvote_AndWithdraw_AreIdempotent_AndShowInTheApiAndThePages(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "voter", "vote");

        var up = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, secret));
        var again = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, secret));
        var paperAfterUp = await PaperAsync(site, "2506.00001");
        var pageAfterUp = await ada.GetStringAsync("/papers/2506.00001");

        Assert.Equal(HttpStatusCode.OK, up.Status);
        Assert.Equal("2506.00001", (string)up.Json!["paper"]!);
        Assert.True((bool)up.Json["voted"]!);
        Assert.Equal(11, (int)up.Json["upvotes"]!);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(11, (int)again.Json!["upvotes"]!);
        Assert.Equal(11, (int)paperAfterUp["upvotes"]!);
        Assert.Contains("class=\"votes voted\" aria-pressed=\"true\"", pageAfterUp);

        var down = await ReadAsync(CallAsync(site, HttpMethod.Delete, Upvote, secret));
        var downAgain = await ReadAsync(CallAsync(site, HttpMethod.Delete, Upvote, secret));

        Assert.False((bool)down.Json!["voted"]!);
        Assert.Equal(10, (int)down.Json["upvotes"]!);
        Assert.Equal(10, (int)downAgain.Json!["upvotes"]!);
        Assert.Equal(10, (int)(await PaperAsync(site, "2506.00001"))["upvotes"]!);
        Assert.Contains("aria-pressed=\"false\"", await ada.GetStringAsync("/papers/2506.00001"));
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Votes.CountAsync(Ct));
        Assert.NotNull(await db.ApiTokens.Select(t => t.LastUsedAt).SingleAsync(Ct));
    }

    [Fact]
    public async Task OldStyleId_IsNamedWithItsSlashEncoded()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        await site.SeedAsync(TestSite.Paper("hep-th/9901001", Monday, 3));
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAllAsync(ada);

        var vote = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers/hep-th%2F9901001/upvote", secret));
        var comment = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers/hep-th%2F9901001/comments", secret, "{\"body\": \"old but gold\"}"));
        var thread = await ReadAsync(CallAsync(site, HttpMethod.Get, "/api/papers/hep-th%2F9901001/comments", null));

        Assert.Equal(HttpStatusCode.OK, vote.Status);
        Assert.Equal("hep-th/9901001", (string)vote.Json!["paper"]!);
        Assert.Equal(4, (int)vote.Json["upvotes"]!);
        Assert.Equal(HttpStatusCode.Created, comment.Status);
        Assert.Equal("/papers/hep-th/9901001#c" + (long)comment.Json!["id"]!, comment.Response.Headers.Location!.OriginalString);
        Assert.Equal("old but gold", (string)thread.Json!["comments"]![0]!["body"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task NoToken_UnknownToken_AndACookieOnly_Are401_AndChangeNothing(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");

        var none = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, null));
        var unknown = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, "pb_" + new string('A', 43)));
        var garbage = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, "not-a-token"));
        // A signed-in browser, as a cross-site page would make it post: the cookie alone opens no API write.
        var cookie = await ReadAsync(CallAsync(ada.Client, HttpMethod.Post, Upvote, null));
        var cookieSubmit = await ReadAsync(CallAsync(ada.Client, HttpMethod.Post, "/api/papers", null, "{\"id\": \"2506.00001\"}"));
        var cookieComment = await ReadAsync(CallAsync(ada.Client, HttpMethod.Post, "/api/papers/2506.00001/comments", null, "{\"body\": \"hi\"}"));

        AssertProblem(HttpStatusCode.Unauthorized, "needs an API token", none);
        Assert.Equal("Bearer", none.Response.Headers.WwwAuthenticate.ToString());
        AssertProblem(HttpStatusCode.Unauthorized, "not known", unknown);
        AssertProblem(HttpStatusCode.Unauthorized, "not known", garbage);
        AssertProblem(HttpStatusCode.Unauthorized, "needs an API token", cookie);
        AssertProblem(HttpStatusCode.Unauthorized, "needs an API token", cookieSubmit);
        AssertProblem(HttpStatusCode.Unauthorized, "needs an API token", cookieComment);
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Votes.CountAsync(Ct));
        Assert.Equal(0, await db.Comments.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TokenWithoutTheScope_Is403(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "commenter", "comment", "feed");

        var vote = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, secret));
        var submit = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"2506.00001\"}"));

        AssertProblem(HttpStatusCode.Forbidden, "lacks the 'vote' scope", vote);
        AssertProblem(HttpStatusCode.Forbidden, "lacks the 'submit' scope", submit);
        Assert.Equal(10, (int)(await PaperAsync(site, "2506.00001"))["upvotes"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BannedMembersToken_Is403WithTheBan(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var eve = await WebSession.MemberAsync(site, "eve");
        var secret = await CreateAllAsync(eve);
        await BanAsync(site, "eve");

        var vote = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, secret));
        var submit = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"2506.00003\"}"));
        var comment = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers/2506.00001/comments", secret, "{\"body\": \"spam\"}"));

        AssertProblem(HttpStatusCode.Forbidden, "Your account is banned", vote);
        Assert.Contains("Reason given: spam", (string)vote.Json!["detail"]!);
        AssertProblem(HttpStatusCode.Forbidden, "banned", submit);
        AssertProblem(HttpStatusCode.Forbidden, "banned", comment);
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Votes.CountAsync(Ct));
        Assert.Equal(0, await db.Comments.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task UnknownUnlistedOrHiddenPaper_Is404(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        await site.SeedAsync(new Paperboy.Import.PaperRecord { ArxivId = "2506.00009", Title = "Not on the feed", Abstract = "." });
        await FeedData.HideAsync(site, "2506.00002");
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "voter", "vote");

        foreach (var id in new[] { "2506.99999", "2506.00009", "2506.00002", "not-an-id" })
            AssertProblem(HttpStatusCode.NotFound, id, await ReadAsync(CallAsync(site, HttpMethod.Post, $"/api/papers/{id}/upvote", secret)));
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Votes.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task RateLimit_CountsEachMemberOnce_WhateverTheirTokens_AndAnswers429WithRetryAfter(Engine engine)
    {
        await using var site = await SiteAsync(engine, null, "Paperboy:RateLimits:Votes:Permits=2", "Paperboy:RateLimits:Votes:WindowSeconds=60");
        using var ada = await WebSession.MemberAsync(site, "ada");
        using var bob = await WebSession.MemberAsync(site, "bob");
        var first = await CreateAsync(ada, "first", "vote");
        var second = await CreateAsync(ada, "second", "vote");
        var bobs = await CreateAsync(bob, "bob's", "vote");

        var allowed = new[]
        {
            await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, first)),
            await ReadAsync(CallAsync(site, HttpMethod.Delete, Upvote, first)),
        };
        var refused = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, first));
        // A second token is the same member: more tokens never buy more writes.
        var sameMember = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, second));
        var otherMember = await ReadAsync(CallAsync(site, HttpMethod.Post, Upvote, bobs));

        Assert.All(allowed, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.InRange(int.Parse(refused.Response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Too many requests", (string)refused.Json!["title"]!);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameMember.Status);
        Assert.Equal(HttpStatusCode.OK, otherMember.Status);
        Assert.Equal(11, (int)otherMember.Json!["upvotes"]!);
    }
}
