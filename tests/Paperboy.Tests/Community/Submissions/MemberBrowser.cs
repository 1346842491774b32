using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Submissions;

/// <summary>
/// A member's browser against a <see cref="TestSite"/>: signs up through the real page, keeps its cookies, and
/// posts forms with the antiforgery token read from the page that shows the form, as a browser does.
/// Redirects are not followed, so tests see them.
/// </summary>
public sealed partial class MemberBrowser(TestSite site, string? name)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Uri Origin = new("http://localhost/");
    private readonly CookieContainer _cookies = new();

    public string? Name { get; } = name;
    public TestSite Site { get; } = site;

    // The site's clock is fake (2025) and the cookie container's is real: dates on cookies would expire them at once.
    [GeneratedRegex(@";\s*expires=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex Expiry();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A browser nobody signed in on.</summary>
    public static MemberBrowser Anonymous(TestSite site) => new(site, null);

    /// <summary>Signs a new member up through /account/signup; the browser is then signed in.</summary>
    public static async Task<MemberBrowser> SignUpAsync(TestSite site, string name)
    {
        var browser = new MemberBrowser(site, name);
        using var response = await browser.PostFormAsync("/account/signup", new()
        {
            ["Form.UserName"] = name, ["Form.Email"] = $"{name}@example.org", ["Form.Password"] = "correct horse battery",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-up of {name}: {(int)response.StatusCode}");
        return browser;
    }

    public async Task<HttpResponseMessage> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request);
    }

    public async Task<string> GetStringAsync(string url)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return body;
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> with the token from the page at
    /// <paramref name="formPage"/> (default: <paramref name="url"/> itself); <paramref name="token"/> false leaves it out.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? formPage = null, bool token = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (token) form["__RequestVerificationToken"] = await TokenAsync(formPage ?? url);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    /// <summary>Posts and returns status and body together.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> PostAsync(string url, Dictionary<string, string> fields,
        string? formPage = null, bool token = true)
    {
        using var response = await PostFormAsync(url, fields, formPage, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location?.OriginalString);
    }

    private async Task<string> TokenAsync(string page)
    {
        var html = await GetStringAsync(page);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var cookies = _cookies.GetCookieHeader(Origin);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        var response = await Site.Client.SendAsync(request, Ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var cookie in set) _cookies.SetCookies(Origin, Expiry().Replace(cookie, ""));
        return response;
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
