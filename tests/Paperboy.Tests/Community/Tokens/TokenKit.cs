using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Tokens;

/// <summary>
/// What the token tests do the way a member and a program do: make a token on /account/tokens in a signed-in
/// browser and read its secret off the answer, then call the API with <c>Authorization: Bearer</c> and nothing else.
/// </summary>
public static partial class TokenKit
{
    public const string Page = "/account/tokens";
    public static readonly DateOnly Monday = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A community site with two papers on Monday's feed (10 and 20 upvotes from Hugging Face).</summary>
    public static async Task<TestSite> SiteAsync(Engine engine, string? arxivUrl = null, params string[] settings)
    {
        var site = await CommunitySite.StartAsync(engine, arxivUrl, settings: settings);
        await site.SeedAsync(TestSite.Paper("2506.00001", Monday, 10), TestSite.Paper("2506.00002", Monday, 20));
        return site;
    }

    public static IEnumerable<KeyValuePair<string, string>> CreateForm(string name, IEnumerable<string> scopes, int days = 0) =>
        new[] { new KeyValuePair<string, string>("Name", name), new("ExpiresInDays", days.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Concat(scopes.Select(s => new KeyValuePair<string, string>("Scopes", s)));

    /// <summary>Posts the "make a token" form; the answer as the browser got it.</summary>
    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PostCreateAsync(WebSession member,
        string name, IEnumerable<string> scopes, int days = 0)
    {
        var response = await member.PostFormAsync(Page, Page + "?handler=create", CreateForm(name, scopes, days));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    /// <summary>Makes a token through the page and returns the secret the page showed.</summary>
    public static async Task<string> CreateAsync(WebSession member, string name, params string[] scopes)
    {
        var (status, html, response) = await PostCreateAsync(member, name, scopes);
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        return SecretIn(html) ?? throw new InvalidOperationException("The page showed no secret.");
    }

    public static Task<string> CreateAllAsync(WebSession member, string name = "everything") =>
        CreateAsync(member, name, "vote", "submit", "comment", "feed");

    public static string? SecretIn(string html) =>
        SecretField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The id of the member's token named <paramref name="name"/>.</summary>
    public static async Task<long> IdOfAsync(TestSite site, string name)
    {
        await using var db = site.Database.CreateContext();
        return await db.ApiTokens.Where(t => t.Name == name).Select(t => t.Id).SingleAsync(Ct);
    }

    public static async Task<long> IdOfMemberAsync(TestSite site, string name)
    {
        await using var db = site.Database.CreateContext();
        return await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync(Ct);
    }

    public static async Task<HttpResponseMessage> RevokeAsync(WebSession member, long id) =>
        await member.PostFormAsync(Page, Page + "?handler=revoke", [new("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>An API call as a program makes it: no cookies, the token (if any) in the header, a JSON body (if any).</summary>
    public static Task<HttpResponseMessage> CallAsync(HttpClient client, HttpMethod method, string url, string? secret, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (secret is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> CallAsync(TestSite site, HttpMethod method, string url, string? secret, string? json = null) =>
        CallAsync(site.Client, method, url, secret, json);

    /// <summary>Status and JSON of a response (null when the body is not JSON), the response disposed.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Json, HttpResponseMessage Response)> ReadAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        JsonNode? json = null;
        try { json = text.Length == 0 ? null : JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
        return (response.StatusCode, json, response);
    }

    /// <summary>Asserts a ProblemDetails answer with <paramref name="status"/> whose detail contains <paramref name="words"/>.</summary>
    public static void AssertProblem(HttpStatusCode status, string words, (HttpStatusCode Status, JsonNode? Json, HttpResponseMessage Response) answer)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (int)answer.Json!["status"]!);
        Assert.Contains(words, (string)answer.Json["detail"]!, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The paper as <c>/api/papers/{id}</c> shows it to anyone.</summary>
    public static async Task<JsonNode> PaperAsync(TestSite site, string id) => JsonNode.Parse(await site.GetStringAsync("/api/papers/" + id))!;

    /// <summary>Bans a member, as a moderator would, with the reason "spam".</summary>
    public static async Task BanAsync(TestSite site, string name)
    {
        await using var db = site.Database.CreateContext();
        await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.BannedAt, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc))
            .SetProperty(u => u.BanReason, "spam"), Ct);
    }

    [GeneratedRegex("id=\"token-secret\" type=\"text\" readonly value=\"([^\"]+)\"")]
    private static partial Regex SecretField();
}
