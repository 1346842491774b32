using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Tokens;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

/// <summary>Conditional GETs, CORS, the read limit and the OpenAPI document.</summary>
public class HttpMannersTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SendAsync(TestSite site, string url, Action<HttpRequestHeaders> headers,
        HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        headers(request.Headers);
        return await site.Client.SendAsync(request, Ct);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ETag_Answers304UntilTheAnswerChanges(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 5));
        const string url = "/api/daily_papers?date=2025-06-02";

        using var first = await site.GetAsync(url);
        var etag = first.Headers.ETag!;
        using var same = await SendAsync(site, url, h => h.IfNoneMatch.Add(etag));
        using var weak = await SendAsync(site, url, h => h.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true)));
        using var other = await SendAsync(site, url, h => h.IfNoneMatch.ParseAdd("\"something-else\""));

        // An upvote changes the answer, so the old tag no longer matches once the few-second cache expires.
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 6));
        site.Clock.Advance(TimeSpan.FromSeconds(6));
        using var changed = await SendAsync(site, url, h => h.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(etag, same.Headers.ETag);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(6, (int)JsonNode.Parse(await changed.Content.ReadAsStringAsync(Ct))![0]!["paper"]!["upvotes"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task LastModified_Answers304ToIfModifiedSince_AndMovesWhenTheAnswerChanges(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 5));
        const string url = "/api/papers/2506.00001";

        using var first = await site.GetAsync(url);
        var modified = first.Content.Headers.LastModified!.Value;
        site.Clock.Advance(TimeSpan.FromMinutes(1));
        using var unchanged = await SendAsync(site, url, h => h.IfModifiedSince = modified);
        using var older = await SendAsync(site, url, h => h.IfModifiedSince = modified.AddSeconds(-1));

        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 9));
        using var changed = await SendAsync(site, url, h => h.IfModifiedSince = modified);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(changed.Content.Headers.LastModified > modified);
    }

    [Fact]
    public async Task Errors_AreNeverTurnedInto304()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await SendAsync(site, "/api/daily_papers?limit=0", h => h.IfNoneMatch.Add(EntityTagHeaderValue.Any));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Cors_OpenForReads_ClosedForWrites()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 5));

        using var read = await SendAsync(site, "/api/papers/2506.00001", h => h.Add("Origin", "https://elsewhere.example"));
        using var readPreflight = await SendAsync(site, "/api/daily_papers", h =>
        {
            h.Add("Origin", "https://elsewhere.example");
            h.Add("Access-Control-Request-Method", "GET");
            h.Add("Access-Control-Request-Headers", "if-none-match");
        }, HttpMethod.Options);
        using var writePreflight = await SendAsync(site, "/api/papers/2506.00001/upvote", h =>
        {
            h.Add("Origin", "https://elsewhere.example");
            h.Add("Access-Control-Request-Method", "POST");
        }, HttpMethod.Options);
        using var page = await SendAsync(site, "/papers/2506.00001", h => h.Add("Origin", "https://elsewhere.example"));

        Assert.Equal("*", read.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", read.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.Equal("*", readPreflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(writePreflight.Headers.Contains("Access-Control-Allow-Methods") &&
                     writePreflight.Headers.GetValues("Access-Control-Allow-Methods").Any(m => m.Contains("POST")));
        Assert.False(page.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ReadLimit_IsPerTokenAndPerAddress_With429AndRetryAfter()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Paperboy:RateLimits:ApiReads:Permits"] = "3",
            ["Paperboy:RateLimits:ApiReads:WindowSeconds"] = "60",
        });
        var (alice, bob) = await TwoTokensAsync(site);

        async Task<HttpStatusCode[]> BurstAsync(string? bearer, int count)
        {
            var codes = new HttpStatusCode[count];
            for (var i = 0; i < count; i++)
            {
                using var r = await SendAsync(site, "/api/daily_papers", h => { if (bearer is not null) h.Authorization = new("Bearer", bearer); });
                codes[i] = r.StatusCode;
            }
            return codes;
        }

        var anonymous = await BurstAsync(null, 4);
        using var refused = await site.GetAsync("/api/daily_papers");
        var withAlice = await BurstAsync(alice, 4);
        var withBob = await BurstAsync(bob, 3);
        // A made-up token authenticates nobody, so it spends the address's budget, which is gone.
        var madeUp = await BurstAsync(ApiTokenService.SecretPrefix + "madeup", 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], anonymous);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], withAlice);
        Assert.All(withBob, c => Assert.Equal(HttpStatusCode.OK, c));
        Assert.Equal([HttpStatusCode.TooManyRequests], madeUp);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi_AndOnlyTheApi()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        var document = JsonNode.Parse(await site.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.StartsWith("3.", (string)document["openapi"]!);
        Assert.Equal("Paperboy API", (string)document["info"]!["title"]!);
        Assert.Contains("/api/daily_papers", paths);
        Assert.Contains("/api/papers", paths);
        Assert.Contains("/api/papers/search", paths);
        Assert.Contains(paths, p => p.StartsWith("/api/papers/{", StringComparison.Ordinal));
        Assert.All(paths, p => Assert.StartsWith("/api/", p));
        var daily = document["paths"]!["/api/daily_papers"]!["get"]!;
        Assert.Equal(["date", "week", "month", "submitter", "sort", "limit", "p"],
            daily["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["token"]!["scheme"]!);
    }

    private static async Task<(string Alice, string Bob)> TwoTokensAsync(TestSite site)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Paperboy.Community.Accounts.User>>();
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var secrets = new List<string>();
        foreach (var name in new[] { "alice", "bob" })
        {
            var user = new Paperboy.Community.Accounts.User { UserName = name, Email = name + "@example.org", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, "correct horse battery")).Succeeded);
            secrets.Add((await tokens.CreateAsync(user.Id, "test", [ApiScopes.Vote], null, Ct)).Secret);
        }
        return (secrets[0], secrets[1]);
    }
}
