using System.Net;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Exports;

/// <summary><c>/papers/{id}.bib|.ris|.md</c> through HTTP, beside the paper page's catch-all route.</summary>
public class PaperExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 3);

    private static async Task<TestSite> SiteAsync(Engine engine)
    {
        var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Day, 5, "Sparse Attention for Long Documents"),
            TestSite.Paper("2506.00002", Day, 3, "Hidden by a moderator"),
            TestSite.Paper("hep-th/9901001", Day, 2, "Strings before 2007",
                publishedAt: new DateTime(1999, 1, 4, 12, 0, 0, DateTimeKind.Utc)) with { Categories = ["hep-th"] });
        return site;
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Bibtex_OfANewStyleId_IsADownloadNamedAfterThePaper(Engine engine)
    {
        await using var site = await SiteAsync(engine);

        using var response = await site.GetAsync("/papers/2506.00001.bib");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-bibtex; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("2506.00001.bib", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("""
            @misc{lovelace2025sparse,
              title = {Sparse Attention for Long Documents},
              author = {Ada Lovelace and Alan Turing},
              year = {2025},
              eprint = {2506.00001},
              archivePrefix = {arXiv},
              primaryClass = {cs.LG},
              url = {https://arxiv.org/abs/2506.00001}
            }

            """.ReplaceLineEndings("\n"), await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task OldStyleId_ExportsInEveryFormat_ThroughItsSlash(Engine engine)
    {
        await using var site = await SiteAsync(engine);

        using var bib = await site.GetAsync("/papers/hep-th/9901001.bib");
        using var ris = await site.GetAsync("/papers/hep-th/9901001.ris");
        using var md = await site.GetAsync("/papers/hep-th/9901001.md");

        Assert.Equal("hep-th-9901001.bib", bib.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("""
            @misc{lovelace1999strings,
              title = {Strings before 2007},
              author = {Ada Lovelace and Alan Turing},
              year = {1999},
              eprint = {hep-th/9901001},
              archivePrefix = {arXiv},
              primaryClass = {hep-th},
              url = {https://arxiv.org/abs/hep-th/9901001}
            }

            """.ReplaceLineEndings("\n"), await bib.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/x-research-info-systems; charset=utf-8", ris.Content.Headers.ContentType?.ToString());
        Assert.Equal("hep-th-9901001.ris", ris.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            "TY  - GEN\r\nAU  - Lovelace, Ada\r\nAU  - Turing, Alan\r\nTI  - Strings before 2007\r\nPY  - 1999\r\nDA  - 1999/01/04\r\n" +
            "AB  - The abstract of paper hep-th/9901001.\r\nUR  - https://arxiv.org/abs/hep-th/9901001\r\nKW  - hep-th\r\nER  - \r\n",
            await ris.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/markdown; charset=utf-8", md.Content.Headers.ContentType?.ToString());
        Assert.Null(md.Content.Headers.ContentDisposition);
        var text = await md.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("# Strings before 2007\n\n**Authors:** Ada Lovelace, Alan Turing\n\n", text);
        Assert.Contains("- **Daily papers:** [2025-06-03](<http://localhost/papers/date/2025-06-03>) · 2 upvotes · 1 comment\n", text);
        Assert.Contains("- **On Paperboy:** <http://localhost/papers/hep-th/9901001>\n", text);
        Assert.EndsWith("## Abstract\n\nThe abstract of paper hep-th/9901001.\n", text);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperPage_StillAnswersForIdsWithADotOrASlash_AndLinksItsExports(Engine engine)
    {
        await using var site = await SiteAsync(engine);

        var page = await site.GetStringAsync("/papers/2506.00001");
        var oldStyle = await site.GetStringAsync("/papers/hep-th/9901001");

        Assert.Contains("<h1>Sparse Attention for Long Documents</h1>", page);
        Assert.Contains("href=\"/papers/2506.00001.bib\">BibTeX</a>", page);
        Assert.Contains("href=\"/papers/2506.00001.ris\">RIS</a>", page);
        Assert.Contains("href=\"/papers/2506.00001.md\">Markdown</a>", page);
        Assert.Contains("<h1>Strings before 2007</h1>", oldStyle);
        Assert.Contains("href=\"/papers/hep-th/9901001.bib\">BibTeX</a>", oldStyle);
    }

    [Fact]
    public async Task Export_CarriesAnETag_AndAnUnchangedOneIsA304()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var first = await site.GetAsync("/papers/2506.00001.ris");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/papers/2506.00001.ris");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await site.Client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Theory]
    [InlineData("/papers/2506.00001v1.bib", "/papers/2506.00001.bib")]
    [InlineData("/papers/arXiv:2506.00001.md", "/papers/2506.00001.md")]
    [InlineData("/papers/hep-th/9901001v2.ris", "/papers/hep-th/9901001.ris")]
    [InlineData("/papers/math.GT/0309136.bib", "/papers/math/0309136.bib")]
    public async Task OtherSpellingsOfAnId_RedirectToTheCanonicalExport(string asked, string canonical)
    {
        await using var site = await SiteAsync(Engine.Sqlite);

        using var response = await site.GetAsync(asked);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task UnknownMalformedAndHiddenPapers_Are404_WithASentenceSayingSo(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        await FeedData.HideAsync(site, "2506.00002");

        foreach (var extension in new[] { "bib", "ris", "md" })
        {
            Assert.Equal("There is no paper 2506.99999 on this site.\n", await NotFoundAsync(site, $"/papers/2506.99999.{extension}"));
            Assert.Equal("'not-an-id' is not an arXiv id.\n", await NotFoundAsync(site, $"/papers/not-an-id.{extension}"));
            // A hidden paper answers as an unknown one: its export does not say it exists.
            Assert.Equal("There is no paper 2506.00002 on this site.\n", await NotFoundAsync(site, $"/papers/2506.00002.{extension}"));
        }
        Assert.Equal("There is no paper hep-th/9901002 on this site.\n", await NotFoundAsync(site, "/papers/hep-th/9901002.bib"));
    }

    private static async Task<string> NotFoundAsync(TestSite site, string url)
    {
        using var response = await site.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
