using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Accounts;
using Paperboy.Community.Comments;
using Paperboy.Community.Trending;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Comments;

/// <summary>
/// A member signed in through the real sign-in page, on a <see cref="WebSession"/> (cookies kept, redirects not
/// followed), sending the antiforgery token with every form as a browser does. The account itself (and its role) is
/// made through the application's UserManager, the door <c>paperboy user create</c> uses.
/// </summary>
public sealed class CommentsMember : IDisposable
{
    public const string Password = "correct horse battery";

    public string Name { get; }
    public long Id { get; }
    public HttpClient Client => _session.Client;
    private readonly WebSession _session;
    private string _token = "";

    private CommentsMember(string name, long id, WebSession session) => (Name, Id, _session) = (name, id, session);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Settings that lift the write limits, for tests that write more than a person would in a minute.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoRateLimits = new Dictionary<string, string?>
    {
        ["Paperboy:RateLimits:Comments:Permits"] = "100000",
        ["Paperboy:RateLimits:Other:Permits"] = "100000",
        ["Paperboy:RateLimits:SignIn:Permits"] = "100000",
    };

    public static async Task<CommentsMember> CreateAsync(TestSite site, string name, string? role = null)
    {
        long id;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User
            {
                UserName = name, Email = $"{name}@example.org", EmailConfirmed = true, CreatedAt = site.Clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            if (role is not null) await RoleSetup.GrantAsync(scope.ServiceProvider, user, role);
            id = user.Id;
        }
        var member = new CommentsMember(name, id, new WebSession(site));
        using var signedIn = await member.PostAsync("/account/signin", ("Form.Name", name), ("Form.Password", Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // The token is bound to who asks: the one fetched before signing in is no good afterwards.
        member._token = "";
        return member;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url, Ct);

    public async Task<string> GetStringAsync(string url)
    {
        using var response = await GetAsync(url);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return html;
    }

    /// <summary>A form post with the antiforgery token, as the site's own forms send it.</summary>
    public async Task<HttpResponseMessage> PostAsync(string url, params (string Name, string Value)[] fields)
    {
        if (_token.Length == 0) _token = await TokenAsync();
        return await PostWithoutTokenAsync(url, [.. fields, ("__RequestVerificationToken", _token)]);
    }

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string url, params (string Name, string Value)[] fields) =>
        Client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))), Ct);

    /// <summary>Posts a comment (a reply when <paramref name="parent"/> is set) and returns its number.</summary>
    public async Task<long> CommentAsync(string arxivId, string body, long? parent = null)
    {
        using var response = await PostCommentAsync(arxivId, body, parent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/papers/{arxivId}#c", location);
        return long.Parse(location[(location.IndexOf("#c", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<HttpResponseMessage> PostCommentAsync(string arxivId, string body, long? parent = null) =>
        parent is { } p
            ? PostAsync("/comments", ("paper", arxivId), ("body", body), ("parent", p.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : PostAsync("/comments", ("paper", arxivId), ("body", body));

    /// <summary>The sign-in page has a form for anyone, signed in or not: a token for whoever this client is now.</summary>
    private Task<string> TokenAsync() => _session.TokenAsync("/account/signin");

    public void Dispose() => _session.Dispose();
}

/// <summary>What tests read straight from the database to check a page's claims.</summary>
public static class CommentsData
{
    /// <summary>
    /// Asserts the rule the counts live by: an entry's local comment count is its number of visible comment rows,
    /// and, once a comment has changed its counts, its trending score is the score of its counts (an imported
    /// entry nobody has touched keeps the score its import gave it).
    /// </summary>
    public static async Task AssertCountsMatchRowsAsync(TestSite site, string arxivId, int expectedVisible)
    {
        await using var db = site.Database.CreateContext();
        var entry = await db.DailyEntries.AsNoTracking().SingleAsync(e => e.Paper.ArxivId == arxivId, TestContext.Current.CancellationToken);
        var visible = await db.Comments.CountAsync(c => c.PaperId == entry.PaperId && c.DeletedAt == null && c.HiddenAt == null,
            TestContext.Current.CancellationToken);
        Assert.Equal(expectedVisible, visible);
        Assert.Equal(visible, entry.LocalComments);
        if (await db.Comments.AnyAsync(c => c.PaperId == entry.PaperId, TestContext.Current.CancellationToken))
            Assert.Equal(TrendingScore.Compute(entry.TotalUpvotes, entry.TotalComments, entry.SubmittedAt), entry.Trending, 9);
    }

    public static async Task<Comment> CommentAsync(TestSite site, long id)
    {
        await using var db = site.Database.CreateContext();
        return await db.Comments.AsNoTracking().SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken);
    }
}
