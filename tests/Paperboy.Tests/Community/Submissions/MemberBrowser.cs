using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Submissions;

/// <summary>
/// A member's browser for the community tests: a <see cref="WebSession"/> (cookies, antiforgery tokens, no
/// redirects followed) with the shortcuts these tests use — post and read the answer in one call, and arrange
/// what the site cannot (an admin role, a ban) directly in the database.
/// </summary>
public sealed class MemberBrowser(TestSite site, string? name) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly WebSession _session = new(site);

    public string? Name { get; } = name;
    public TestSite Site { get; } = site;

    /// <summary>A browser nobody signed in on.</summary>
    public static MemberBrowser Anonymous(TestSite site) => new(site, null);

    /// <summary>Signs a new member up through /account/signup; the browser is then signed in.</summary>
    public static async Task<MemberBrowser> SignUpAsync(TestSite site, string name)
    {
        var browser = new MemberBrowser(site, name);
        using var response = await browser._session.SignUpAsync(name);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-up of {name}: {(int)response.StatusCode}");
        return browser;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _session.GetAsync(url);

    public Task<string> GetStringAsync(string url) => _session.GetStringAsync(url);

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> with the token from the page at
    /// <paramref name="formPage"/> (default: <paramref name="url"/> itself); <paramref name="token"/> false leaves it
    /// out. Returns status, body and redirect target together.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> PostAsync(string url, Dictionary<string, string> fields,
        string? formPage = null, bool token = true)
    {
        using var response = token
            ? await _session.PostFormAsync(formPage ?? url.Split('?')[0], url, fields)
            : await _session.PostWithoutTokenAsync(url, fields);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location?.OriginalString);
    }

    /// <summary>The member's user id.</summary>
    public async Task<long> IdAsync()
    {
        await using var db = Site.Database.CreateContext();
        var normalized = Name!.ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstAsync(Ct);
    }

    public async Task MakeAdminAsync()
    {
        var id = await IdAsync();
        await using var db = Site.Database.CreateContext();
        db.UserRoles.Add(new IdentityUserRole<long> { UserId = id, RoleId = 1 });
        await db.SaveChangesAsync(Ct);
    }

    public async Task BanAsync()
    {
        var id = await IdAsync();
        await using var db = Site.Database.CreateContext();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.BannedAt, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc))
            .SetProperty(u => u.BanReason, "spam"), Ct);
    }

    public void Dispose() => _session.Dispose();
}

/// <summary>Starts a <see cref="TestSite"/> for community tests: arXiv at a closed port unless told, and room for many sign-ups.</summary>
public static class CommunitySite
{
    /// <param name="settings">Configuration as <c>Key=value</c> (<c>Paperboy:Submissions:MaxAgeDays=14</c>).</param>
    public static Task<TestSite> StartAsync(Engine engine, string? arxivUrl = null, DateTimeOffset? now = null, params string[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Paperboy:Arxiv:ApiUrl"] = arxivUrl ?? ClosedPort.Url(),
            ["Paperboy:RateLimits:SignUp:Permits"] = "1000",
            ["Paperboy:RateLimits:SignUp:WindowSeconds"] = "3600",
        };
        foreach (var setting in settings)
        {
            var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            all[key.TrimStart('-')] = value;
        }
        return TestSite.StartAsync(engine, now, all);
    }
}

/// <summary>An address on loopback where nothing listens: connections to it are refused at once.</summary>
public static class ClosedPort
{
    public static string Url()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/api/query";
    }
}
