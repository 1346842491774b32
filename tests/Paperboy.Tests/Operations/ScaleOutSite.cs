using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Paperboy.Community.Accounts;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>Two or more real <c>paperboy serve</c> processes on one database, and members who visit any of them.</summary>
internal sealed partial class ScaleOutSite : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public List<(PaperboyProcess Process, HttpClient Http)> Nodes { get; } = [];

    // Each node's own data folder (its full-text index), as on separate machines; only the database is shared.
    private readonly List<TempFolder> _folders = [];

    public static async Task<ScaleOutSite> StartAsync(TestDatabase database, int nodes, IReadOnlyDictionary<string, string?> settings)
    {
        var site = new ScaleOutSite();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                var folder = new TempFolder();
                site._folders.Add(folder);
                site.Nodes.Add(await BackupSite.ServeAsync(["--data", folder.Path, "--database", database.Options.ConnectionString!], settings));
            }
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
        return site;
    }

    public Uri Url(int node, string path) => new(Nodes[node].Http.BaseAddress!, path);

    /// <summary>Members with a password, confirmed, written to the database as <c>paperboy user create</c> would.</summary>
    public static async Task AddMembersAsync(TestDatabase database, IEnumerable<string> names)
    {
        await using var db = database.CreateContext();
        var hasher = new PasswordHasher<User>();
        foreach (var name in names)
        {
            var user = new User
            {
                UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = $"{name}@example.org",
                NormalizedEmail = $"{name}@example.org".ToUpperInvariant(), EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow,
            };
            user.PasswordHash = hasher.HashPassword(user, WebSession.Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>
    /// A browser: one cookie jar for every node (cookies name a host, not a port, so all the nodes on 127.0.0.1
    /// see the same cookies, as behind a load balancer), no redirects followed.
    /// </summary>
    public static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

    /// <summary>The antiforgery token of a form on <paramref name="page"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient browser, Uri page)
    {
        var html = await browser.GetStringAsync(page, Ct);
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, Uri action, string token,
        IEnumerable<KeyValuePair<string, string>> fields, bool json = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        if (json) request.Headers.Accept.ParseAdd("application/json");
        return await browser.SendAsync(request, Ct);
    }

    /// <summary>The value of a Prometheus sample of <c>/metrics</c>, 0 when the series has no sample yet.</summary>
    public async Task<double> MetricAsync(int node, string name, string label)
    {
        var text = await Nodes[node].Http.GetStringAsync("/metrics", Ct);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.IndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, http) in Nodes)
        {
            http.Dispose();
            process.Dispose();
        }
        foreach (var folder in _folders) folder.Dispose();
        await Task.CompletedTask;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
