using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Accounts;
using Paperboy.Search.Indexing;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Operations;

/// <summary><c>/admin/status</c>: moderators and administrators only, with the checks, figures and jobs.</summary>
public class StatusPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Anonymous_IsSentToSignIn_AMember_Gets403_AModerator_SeesFiguresAndJobs(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?> { ["Paperboy:Search:CatchUpSeconds"] = "3600" });
        await site.SeedAsync(TestSite.Paper("2506.00001", new DateOnly(2025, 6, 2), 3));
        await site.Services.GetRequiredService<SearchIndexer>().CatchUpAsync(Ct);

        using (var anonymous = new WebSession(site))
        using (var response = await anonymous.GetAsync("/admin/status"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }
        using (var member = await WebSession.MemberAsync(site, "ada"))
        using (var response = await member.GetAsync("/admin/status"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Full-text index mark", await response.Content.ReadAsStringAsync(Ct));
        }

        using var moderator = await WebSession.MemberAsync(site, "mod", Roles.Moderator);
        var html = await moderator.GetStringAsync("/admin/status");

        Assert.Contains("<h2>Ready: yes</h2>", html);
        Assert.Contains("<code>search-index</code>", html);
        Assert.Contains("<tr><th scope=\"row\">Full-text index mark</th><td>1</td></tr>", html);
        Assert.Contains("<tr><th scope=\"row\">Papers waiting for an embedding</th><td>1</td></tr>", html);
        // The indexer's pass took the one paper; the digest job has not run on this site.
        Assert.Matches("<td><code>search-index</code></td>.*?<td>ok</td>", html.ReplaceLineEndings(" "));
        Assert.Matches("<td><code>digests</code></td>\\s*<td colspan=\"4\">no pass yet on this node</td>", html);
    }
}
