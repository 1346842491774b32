using System.Net;
using Paperboy.Recommendations;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Recommendations.InterestsKit;

namespace Paperboy.Tests.Recommendations;

/// <summary>The welcome page a new member starts from: popular categories and papers to tick.</summary>
public class WelcomeTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestSite> SiteAsync(Engine engine)
    {
        var site = await Community.Tokens.TokenKit.SiteAsync(engine);
        var physics = TestSite.Paper("2506.00003", Monday, 5) with { Categories = ["hep-th"] };
        // Too old to be offered as an example (the offer is the latest feed month), but its category counts.
        var old = TestSite.Paper("2501.00001", new DateOnly(2025, 1, 6), 500) with { Categories = ["hep-th"] };
        // Not on the feed at all: still a paper of the site's.
        var harvested = TestSite.Paper("2506.00004", Monday, 0) with { Categories = ["hep-th", "cs.LG"], Daily = null };
        await site.SeedAsync(physics, old, harvested);
        return site;
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SignUp_LeadsToWelcome_WhoseTicksFollowCategoriesAndMarkExamples(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = new WebSession(site);
        using (var signedUp = await ada.SignUpAsync("ada"))
            Assert.Equal("/welcome", signedUp.Headers.Location!.OriginalString);

        var page = await ada.GetStringAsync("/welcome");
        // The most common primary categories first (hep-th, of three papers, then cs.LG, of two), with their names.
        Assert.InRange(page.IndexOf("value=\"hep-th\"", StringComparison.Ordinal), 0, page.IndexOf("value=\"cs.LG\"", StringComparison.Ordinal));
        Assert.Contains("Machine Learning", page);
        Assert.Contains("High Energy Physics - Theory", page);
        Assert.DoesNotContain("value=\"stat.ML\"", page);
        // Recent papers by upvotes; the January one is too old.
        var offered = new[] { "2506.00002", "2506.00001", "2506.00003" }.Select(id => page.IndexOf($"value=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(offered, i => Assert.True(i > 0));
        Assert.Equal(offered.Order(), offered);
        Assert.DoesNotContain("2501.00001", page);

        using (var saved = await ada.PostFormAsync("/welcome", "/welcome",
                   [new("categories", "cs.LG"), new("categories", "hep-th"), new("papers", "2506.00001"), new("papers", "2506.00003")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal("/for-you", saved.Headers.Location!.OriginalString);
        }

        Assert.Equal([(FollowKind.Category, "cs.LG", "cs.lg"), (FollowKind.Category, "hep-th", "hep-th")], await FollowsAsync(site, "ada"));
        Assert.Equal([("2506.00001", PaperMarkKind.Example), ("2506.00003", PaperMarkKind.Example)], await MarksAsync(site, "ada"));
        var signals = await SignalsAsync(site, "ada");
        Assert.All(signals.Positives, s => Assert.Equal(SignalKind.Example, s.Kind));
        Assert.Equal(2, signals.Positives.Count);
        // Coming back, the page shows what was ticked.
        var again = await ada.GetStringAsync("/welcome");
        Assert.Contains("value=\"cs.LG\" checked=\"checked\"", again);
        Assert.Contains("value=\"2506.00003\" checked=\"checked\"", again);
        Assert.DoesNotContain("value=\"2506.00002\" checked", again);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Skipping_ChangesNothing_BadTicksAre4xx_AndAnonymousIsSentToSignIn(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        using var anonymous = new WebSession(site);

        using var skipped = await ada.PostFormAsync("/welcome", "/welcome", []);
        using var badCategory = await ada.PostFormAsync("/welcome", "/welcome", [new("categories", "<b>cs</b>")]);
        using var unknownPaper = await ada.PostFormAsync("/welcome", "/welcome", [new("categories", "cs.LG"), new("papers", "2506.99999")]);
        using var forged = await ada.PostWithoutTokenAsync("/welcome", [new("categories", "cs.LG")]);
        using var stranger = await anonymous.GetAsync("/welcome");

        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        var badHtml = await badCategory.Content.ReadAsStringAsync(Ct);
        Assert.Contains("is not an arXiv category", badHtml);
        Assert.DoesNotContain("<b>cs</b>", badHtml);
        Assert.Equal(HttpStatusCode.NotFound, unknownPaper.StatusCode);
        Assert.Contains("2506.99999 is not on this site", await unknownPaper.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("http://localhost/account/signin", stranger.Headers.Location!.ToString());
        // A refused form writes nothing, not even its good ticks.
        Assert.Empty(await FollowsAsync(site, "ada"));
        Assert.Empty(await MarksAsync(site, "ada"));
    }
}
