using System.Net;
using Paperboy.Community.Accounts;
using Paperboy.Tests.Community;
using Paperboy.Tests.Community.Comments;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Search;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Exports;

/// <summary>Exports of lists: a public collection (<c>/collections/{user}/{slug}.bib|.ris</c>) and a search (<c>/search.bib?q=</c>).</summary>
public class ListExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 3);

    private static async Task<(TestSite Site, MemberBrowser Alice)> CollectionSiteAsync(Engine engine)
    {
        var site = await CommunitySite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Day, 5, "Deep nets"),
            TestSite.Paper("2506.00002", Day, 4, "Deep nets, again"),
            TestSite.Paper("2506.00003", Day, 3, "The deep end"),
            TestSite.Paper("2506.00004", Day, 2, "Hidden later"),
            TestSite.Paper("hep-th/9901001", Day, 1, "Strings"));
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        await CreateAsync(alice, "Reading list", isPublic: true, "2506.00001", "2506.00002", "2506.00003", "2506.00004", "hep-th/9901001");
        await CreateAsync(alice, "Secret stash", isPublic: false, "2506.00001");
        return (site, alice);
    }

    private static async Task CreateAsync(MemberBrowser member, string name, bool isPublic, params string[] papers)
    {
        var created = await member.PostAsync($"/collections/{member.Name}",
            new() { ["Name"] = name, ["Description"] = "", ["IsPublic"] = isPublic ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        await using var db = member.Site.Database.CreateContext();
        var id = db.Collections.Single(c => c.Name == name).Id;
        foreach (var paper in papers)
        {
            var added = await member.PostAsync("/collection-items",
                new() { ["collection"] = id.ToString(), ["paper"] = paper, ["note"] = "" }, formPage: "/papers/" + paper);
            Assert.Equal(HttpStatusCode.Redirect, added.Status);
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PublicCollection_ExportsEveryVisiblePaper_WithKeysUniqueInTheFile(Engine engine)
    {
        var (site, alice) = await CollectionSiteAsync(engine);
        await using var _ = site;
        using var __ = alice;
        await FeedData.HideAsync(site, "2506.00004");
        using var anonymous = MemberBrowser.Anonymous(site);

        using var bib = await anonymous.GetAsync("/collections/alice/reading-list.bib");
        using var ris = await anonymous.GetAsync("/collections/alice/reading-list.ris");

        Assert.Equal(HttpStatusCode.OK, bib.StatusCode);
        Assert.Equal("application/x-bibtex; charset=utf-8", bib.Content.Headers.ContentType?.ToString());
        Assert.Equal("alice-reading-list.bib", bib.Content.Headers.ContentDisposition?.FileName);
        var entries = BibtexShape.Entries(await bib.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["2506.00001", "2506.00002", "2506.00003", "hep-th/9901001"], entries.Select(e => e.Fields["eprint"]).Order());
        Assert.Equal(["lovelace2025deepa", "lovelace2025deepb", "lovelace2025deepc", "lovelace2025strings"], entries.Select(e => e.Key).Order());
        Assert.Equal("alice-reading-list.ris", ris.Content.Headers.ContentDisposition?.FileName);
        var records = (await ris.Content.ReadAsStringAsync(Ct)).Split("\r\n").Where(l => l.StartsWith("UR  - ")).ToList();
        Assert.Equal(4, records.Count);
        Assert.DoesNotContain("UR  - https://arxiv.org/abs/2506.00004", records);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PrivateAndUnknownCollections_Are404_EvenToTheOwner(Engine engine)
    {
        var (site, alice) = await CollectionSiteAsync(engine);
        await using var _ = site;
        using var __ = alice;
        using var anonymous = MemberBrowser.Anonymous(site);

        foreach (var (browser, url) in new[]
        {
            (anonymous, "/collections/alice/secret-stash.bib"), (alice, "/collections/alice/secret-stash.ris"),
            (anonymous, "/collections/alice/no-such-list.bib"), (anonymous, "/collections/nobody/reading-list.ris"),
        })
        {
            using var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal($"There is no public collection at {url[..url.LastIndexOf('.')]}.\n", await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task CollectionPage_LinksItsExportsWhenPublic_AndTellsTheOwnerOtherwise(Engine engine)
    {
        var (site, alice) = await CollectionSiteAsync(engine);
        await using var _ = site;
        using var __ = alice;

        var open = await MemberBrowser.Anonymous(site).GetStringAsync("/collections/alice/reading-list");
        var secret = await alice.GetStringAsync("/collections/alice/secret-stash");

        Assert.Contains("href=\"/collections/alice/reading-list.bib\">BibTeX</a>", open);
        Assert.Contains("href=\"/collections/alice/reading-list.ris\">RIS</a>", open);
        Assert.DoesNotContain("secret-stash.bib", secret);
        Assert.Contains("Make it public to export it as BibTeX or RIS.", secret);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task HiddenPaper_ShowsNoExportLinks_ToTheModeratorsWhoStillSeeIt(Engine engine)
    {
        var (site, alice) = await CollectionSiteAsync(engine);
        await using var _ = site;
        using var __ = alice;
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        await FeedData.HideAsync(site, "2506.00004");

        var page = await moderator.GetStringAsync("/papers/2506.00004");

        Assert.Contains("<h1>Hidden later</h1>", page);
        Assert.DoesNotContain("2506.00004.bib", page);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Search_ExportsItsResults_UpToTheLimit_WithoutHiddenPapers(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine);

        using var bib = await site.GetAsync("/search.bib?q=radar+weather&mode=keyword");
        var one = await site.GetStringAsync("/search.ris?q=radar+weather&mode=keyword&limit=1");
        await FeedData.HideAsync(site, "2506.00002");
        var afterHiding = BibtexShape.Entries(await site.GetStringAsync("/search.bib?q=radar+weather&mode=keyword"));

        Assert.Equal("application/x-bibtex; charset=utf-8", bib.Content.Headers.ContentType?.ToString());
        Assert.Equal("search-radar-weather.bib", bib.Content.Headers.ContentDisposition?.FileName);
        var entries = BibtexShape.Entries(await bib.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["2506.00002", "2506.00001"], entries.Select(e => e.Fields["eprint"]).Order().Reverse());
        Assert.Equal(["hopper2025storm", "hopper2025rainfall"], entries.Select(e => e.Key).Order().Reverse());
        Assert.Single(one.Split("\r\n"), l => l == "TY  - GEN");
        Assert.Equal(["2506.00001"], afterHiding.Select(e => e.Fields["eprint"]));
    }

    [Theory]
    [InlineData("/search.bib", "q (the query) is required.\n")]
    [InlineData("/search.ris?q=+", "q (the query) is required.\n")]
    [InlineData("/search.bib?q=radar&limit=0", "limit must be a whole number from 1 to 100, not '0'.\n")]
    [InlineData("/search.ris?q=radar&limit=101", "limit must be a whole number from 1 to 100, not '101'.\n")]
    public async Task Search_WithoutAQueryOrWithABadLimit_Is400(string url, string message)
    {
        await using var site = await SearchSite.StartAsync(Engine.Sqlite);

        using var response = await site.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SearchPage_LinksTheExportsOfItsQuery()
    {
        await using var site = await SearchSite.StartAsync(Engine.Sqlite);

        var page = await site.GetStringAsync("/search?q=radar%20%26%20rain&mode=keyword");

        Assert.Contains("Export these results:", page);
        Assert.Contains("href=\"/search.bib?q=radar%20%26%20rain&amp;mode=keyword\">BibTeX</a>", page);
        Assert.Contains("href=\"/search.ris?q=radar%20%26%20rain&amp;mode=keyword\">RIS</a>", page);
    }
}
