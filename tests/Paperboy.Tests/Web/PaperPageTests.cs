using System.Net;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

public class PaperPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperPage_ShowsEverythingKnownAboutThePaper(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00001", new DateOnly(2025, 6, 2), 17, "Everything known", version: 3) with
        {
            Authors = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"],
            UpdatedAt = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            Comment = "12 pages, 3 figures",
            JournalRef = "J. Imaginary Results 1 (2025) 1-12",
            Doi = "10.1234/example.5678",
            GithubRepo = "https://github.com/example/code",
        });

        var html = await site.GetStringAsync("/papers/2506.00001");

        Assert.Contains("<h1>Everything known</h1>", html);
        Assert.Contains("Barbara Liskov", html);
        Assert.Contains("Published <time datetime=\"2025-05-31\">May 31, 2025</time>", html);
        Assert.Contains("Updated <time datetime=\"2025-06-01\">Jun 1, 2025</time>", html);
        Assert.Contains("12 pages, 3 figures", html);
        Assert.Contains("J. Imaginary Results 1 (2025) 1-12", html);
        Assert.Contains("href=\"https://doi.org/10.1234/example.5678\"", html);
        Assert.Contains("href=\"https://arxiv.org/abs/2506.00001v3\"", html);
        Assert.Contains("href=\"https://arxiv.org/pdf/2506.00001v3\"", html);
        Assert.Contains("href=\"https://github.com/example/code\"", html);
        Assert.Contains("On the daily feed of <a href=\"/papers/date/2025-06-02\">Jun 2, 2025</a>", html);
        Assert.Contains("<span class=\"votes-count\">17</span>", html);
        Assert.Contains("<span class=\"chip\">stat.ML</span>", html);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperPage_OldStyleIdWithSlash_IsServed(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(new PaperRecord { ArxivId = "hep-th/9901001", Title = "Strings before 2007", Abstract = "Old.", Version = 2 });

        var html = await site.GetStringAsync("/papers/hep-th/9901001");

        Assert.Contains("<h1>Strings before 2007</h1>", html);
        Assert.Contains("href=\"https://arxiv.org/abs/hep-th/9901001v2\"", html);
        // Not on the feed: no feed box.
        Assert.DoesNotContain("On the daily feed", html);
    }

    [Theory]
    [InlineData("/papers/2103.14749v2", "/papers/2103.14749")]
    [InlineData("/papers/arXiv:2103.14749", "/papers/2103.14749")]
    [InlineData("/papers/hep-th/9901001v3", "/papers/hep-th/9901001")]
    [InlineData("/papers/math.GT/0309136", "/papers/math/0309136")]
    public async Task PaperPage_OtherSpellingsOfAnId_RedirectToTheCanonicalId(string asked, string canonical)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync(asked);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/papers/2103.14749")]      // valid, not stored
    [InlineData("/papers/not-an-id")]
    [InlineData("/papers/2199.99999")]      // month 99
    [InlineData("/papers/a/b/c")]
    public async Task PaperPage_UnknownOrInvalidId_Is404Page(string url)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("Page not found", html);
    }
}
