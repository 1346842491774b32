using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Accounts;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Support;

/// <summary>
/// One visitor of a <see cref="TestSite"/>, the way a browser is one: it keeps cookies, does not follow redirects
/// (tests look at them), and posts forms with the antiforgery token of the page the form is on.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    public HttpClient Client { get; }
    public string? UserName { get; private set; }
    public const string Password = "correct horse battery";

    public WebSession(TestSite site)
    {
        var handler = new CookieJar { InnerHandler = site.Server.CreateHandler() };
        Client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url, Ct);

    public async Task<string> GetStringAsync(string url)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="action"/> with the token found on <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields,
        bool json = false)
    {
        var token = await TokenAsync(formPage);
        return await PostAsync(action, fields.Append(new("__RequestVerificationToken", token)), json);
    }

    /// <summary>Posts without any antiforgery token, as a cross-site forgery would.</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync(action, fields, json: false);

    public async Task<string> TokenAsync(string page)
    {
        var html = await GetStringAsync(page);
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<HttpResponseMessage> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> fields, bool json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        if (json) request.Headers.Accept.ParseAdd("application/json");
        return await Client.SendAsync(request, Ct);
    }

    /// <summary>Signs up through the real page (and so is signed in).</summary>
    public async Task<HttpResponseMessage> SignUpAsync(string name, string? email = null, string password = Password)
    {
        var response = await PostFormAsync("/account/signup", "/account/signup",
            [new("Form.UserName", name), new("Form.Email", email ?? $"{name}@example.org"), new("Form.Password", password)]);
        if (response.StatusCode == HttpStatusCode.Redirect) UserName = name;
        return response;
    }

    public async Task<HttpResponseMessage> SignInAsync(string name, string password = Password)
    {
        var response = await PostFormAsync("/account/signin", "/account/signin",
            [new("Form.Name", name), new("Form.Password", password), new("Form.Remember", "true")]);
        if (response.StatusCode == HttpStatusCode.Redirect) UserName = name;
        return response;
    }

    /// <summary>A signed-in member, created directly through Identity (fast; no rate limit on sign-ups).</summary>
    public static async Task<WebSession> MemberAsync(TestSite site, string name, string? role = null)
    {
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = name, Email = $"{name}@example.org", EmailConfirmed = true, CreatedAt = site.Clock.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            if (role is not null) await RoleSetup.GrantAsync(scope.ServiceProvider, user, role);
        }
        var session = new WebSession(site);
        using var signedIn = await session.SignInAsync(name);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return session;
    }

    public void Dispose() => Client.Dispose();

    /// <summary>
    /// Keeps cookies by name. Unlike a CookieContainer it ignores expiry dates, except the far-past date that
    /// deletes a cookie: the site runs on a fake clock, so a cookie valid for 30 days of site time may look
    /// long expired to the real clock.
    /// </summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (_cookies)
                if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                lock (_cookies)
                    foreach (var header in values)
                    {
                        var pair = header.Split(';')[0];
                        var eq = pair.IndexOf('=');
                        var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                        if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                            _cookies.Remove(name);
                        else
                            _cookies[name] = value;
                    }
            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
