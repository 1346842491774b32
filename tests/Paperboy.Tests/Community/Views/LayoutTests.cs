using System.Net;
using System.Text.RegularExpressions;
using Paperboy.Tests.Community.Votes;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Views;

/// <summary>What every page carries: the script, the theme picker applied before paint, search, and the header's forms.</summary>
public class LayoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPage_LoadsTheScriptDeferred_AndTheThemeBeforePaint()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        var html = await site.GetStringAsync("/papers");

        Assert.Matches("<script src=\"/site.js\\?v=[^\"]+\" defer></script>", html);
        // The theme script blocks (no defer), comes before the stylesheet, and is tiny; no script is inline.
        var theme = Regex.Match(html, "<script src=\"/theme.js\\?v=[^\"]+\"></script>");
        Assert.True(theme.Success);
        Assert.True(theme.Index < html.IndexOf("site.css", StringComparison.Ordinal));
        Assert.DoesNotMatch("<script[^>]*>[^<]", html);
        var themeJs = await site.GetStringAsync("/theme.js");
        Assert.True(themeJs.Length < 600, $"theme.js has {themeJs.Length} characters");
        Assert.Contains("localStorage.getItem(\"theme\")", themeJs);
        Assert.Contains("<select id=\"theme-pick\"", html);
        Assert.Contains("<form class=\"site-search\" action=\"/search\" method=\"get\" role=\"search\">", html);
        Assert.Contains("<a href=\"/about/ranking\">About ranking</a>", html);

        using var script = await site.GetAsync("/site.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType!.MediaType);
        var js = await script.Content.ReadAsStringAsync(Ct);
        Assert.InRange(js.Length, 1000, 10_000);
        Assert.Contains("Accept: \"application/json\"", js);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SearchBox_OpensAnArxivIdDirectly_AndOtherwiseSearchesWithTheQueryEncoded(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00001", new DateOnly(2025, 6, 2), 1));

        foreach (var q in new[] { "2506.00001", "arXiv:2506.00001v2", "https://arxiv.org/abs/2506.00001" })
        {
            using var direct = await site.GetAsync("/search?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
            Assert.Equal("/papers/2506.00001", direct.Headers.Location!.OriginalString);
        }
        using var words = await site.GetAsync("/search?q=%3Cb%3Ediffusion%3C%2Fb%3E");
        var html = await words.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, words.StatusCode);
        Assert.Contains("No paper matches “&lt;b&gt;diffusion&lt;/b&gt;”", html);
        Assert.Contains("value=\"&lt;b&gt;diffusion&lt;/b&gt;\"", html);
    }

    [Fact]
    public async Task HeaderSignOut_PostsWithItsToken()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var browser = new WebSession(site);
        await VotePages.SignUpAsync(browser, "ada");
        var page = await browser.GetStringAsync("/papers");
        Assert.Contains(">Sign out</button>", page);

        using var response = await VotePages.PostAsync(browser, "/account/signout", [], VotePages.TokenOf(page));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(">Sign in</a>", await browser.GetStringAsync("/papers"));
    }
}
