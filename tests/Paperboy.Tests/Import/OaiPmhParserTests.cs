using System.Net.Http.Headers;
using System.Text;
using Paperboy.Import;
using Paperboy.Import.OaiPmh;
using static Paperboy.Tests.Import.OaiPmhHarness;

namespace Paperboy.Tests.Import;

public class OaiPmhParserTests
{
    private static OaiPage ReadFile(string relative)
    {
        using var file = File.OpenRead(OaiFile(relative));
        return OaiPageReader.Read(file, Path.GetFileName(relative));
    }

    private static PaperRecord Record(OaiPage page, string id) => page.Items.Single(i => i.Record?.ArxivId == id).Record!;

    private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    [Theory]
    [InlineData("mid-harvest/arXiv_ListRecords_token-436115_4001.xml", "436115|5001", 846926, 4000)]
    [InlineData("mid-harvest/arXiv_ListRecords_token-436115_405001.xml", "436115|406001", 846926, 405000)]
    [InlineData("mid-harvest/arXivRaw_ListRecords_token-496549_46001.xml", "496549|47001", 907096, 46000)]
    public void MidHarvestPage_ParsesAllThousandRecordsAndItsToken(string file, string token, long size, long cursor)
    {
        var page = ReadFile(file);

        Assert.Equal(1000, page.Items.Count);
        Assert.All(page.Items, i => Assert.Null(i.Error));
        Assert.Equal(1000, page.Items.Select(i => i.Record!.ArxivId).Distinct().Count());
        Assert.Equal((0, token, size, cursor), (page.Deleted, page.ResumptionToken, page.CompleteListSize, page.Cursor));
        Assert.All(page.Items, i => Assert.NotEmpty(i.Record!.Categories!));
    }

    [Fact]
    public void ArxivFormat_KnownRecord_HasExactFields()
    {
        var r = Record(ReadFile("mid-harvest/arXiv_ListRecords_token-436115_4001.xml"), "0704.4002");

        Assert.Equal("The Steenrod problem of realizing polynomial cohomology rings", r.Title);
        Assert.Equal(["Kasper K. S. Andersen", "Jesper Grodal"], r.Authors);
        Assert.Equal(["math.AT", "math.GR"], r.Categories);
        Assert.Equal((Utc(2007, 4, 30), Utc(2008, 8, 4)), (r.PublishedAt, r.UpdatedAt));
        Assert.Equal("14 pages. v3: Final version. To appear in Journal of Topology", r.Comment);
        Assert.Equal(("J Topology 2008 1: 747-760", "10.1112/jtopol/jtn021"), (r.JournalRef, r.Doi));
        Assert.StartsWith("In this paper we completely classify which graded polynomial R-algebras in finitely many", r.Abstract);
        Assert.Equal(0, r.Version); // the arXiv format names no version
    }

    [Fact]
    public void ArxivFormat_SuffixesAndCollaborations_AreWholeNames()
    {
        var page = ReadFile("mid-harvest/arXiv_ListRecords_token-436115_4001.xml");

        Assert.Equal(["Gasper Tkacik", "Curtis G Callan Jr", "William Bialek"], Record(page, "0705.0313").Authors);
        Assert.Null(Record(page, "0705.0313").UpdatedAt);
        Assert.Contains(page.Items, i => i.Record!.Authors!.Contains("D0 Collaboration"));
    }

    [Fact]
    public void ArxivRawFormat_KnownRecord_TakesLatestVersionAndDropsAffiliations()
    {
        var r = Record(ReadFile("mid-harvest/arXivRaw_ListRecords_token-496549_46001.xml"), "0801.3674");

        Assert.Equal(4, r.Version);
        Assert.Equal((Utc(2008, 1, 23, 21, 13, 53), Utc(2008, 9, 11, 22, 3, 53)), (r.PublishedAt, r.UpdatedAt));
        Assert.Equal(["Robert H. Brandenberger", "Keshav Dasgupta", "Anne-Christine Davis"], r.Authors);
        Assert.Equal(["hep-th", "astro-ph", "gr-qc", "hep-ph"], r.Categories);
        Assert.Equal("A Study of Structure Formation and Reheating in the D3/D7 Brane Inflation Model", r.Title);
        Assert.Equal(("Phys.Rev.D78:083502,2008", "10.1103/PhysRevD.78.083502"), (r.JournalRef, r.Doi));
    }

    [Fact]
    public void ArxivRawFormat_ErrorsFolderPage_ParsesSixRecordsWithVersions()
    {
        var page = ReadFile("errors/ListRecordsResponse.xml");

        Assert.Equal(6, page.Items.Count);
        Assert.All(page.Items, i => Assert.Null(i.Error));
        Assert.Equal(("726959|1001", 58011L, 0L), (page.ResumptionToken, page.CompleteListSize!.Value, page.Cursor!.Value));
        var richard = Record(page, "0704.0716");
        Assert.Equal((4, Utc(2007, 4, 5, 12, 45, 3), Utc(2008, 11, 14, 9, 7, 25)), (richard.Version, richard.PublishedAt, richard.UpdatedAt));
        Assert.Equal(["Christoph Richard"], richard.Authors);
        Assert.Equal(["math-ph", "math.MP"], richard.Categories);
        var shetty = Record(page, "0704.0471");
        Assert.Equal(["D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"], shetty.Authors);
        Assert.Equal((1, Utc(2007, 4, 3, 22, 4, 11), (DateTime?)null), (shetty.Version, shetty.PublishedAt, shetty.UpdatedAt));
        Assert.Equal("10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902", shetty.Doi);
    }

    [Theory]
    [InlineData("Naoum C. Bacalis", new[] { "Naoum C. Bacalis" })]
    [InlineData("N.C. Summers and F.M. Nunes", new[] { "N.C. Summers", "F.M. Nunes" })]
    [InlineData("Isaac Chappell II and S. James Gates Jr", new[] { "Isaac Chappell II", "S. James Gates Jr" })]
    [InlineData("Nicolas Chopin (CREST), Christian Robert (CREST, Ceremade)", new[] { "Nicolas Chopin", "Christian Robert" })]
    [InlineData("John Smith, Jr., Ann Lee (MIT (CSAIL)) and\n  Bo Wu", new[] { "John Smith Jr.", "Ann Lee", "Bo Wu" })]
    public void ArxivRawAuthors_SplitAtCommasAndAnd(string authors, string[] expected) =>
        Assert.Equal(expected, ArxivRawFormat.SplitAuthors(authors));

    [Fact]
    public void DublinCore_FullHarvest_EveryRecordMapsWithCategoryCodes()
    {
        var pages = Enumerable.Range(0, 3).Select(i => ReadFile($"full-harvest-2023-03-07/ListRecords_data_{i}.xml")).ToList();

        Assert.Equal([1000, 1000, 265], pages.Select(p => p.Items.Count));
        Assert.Equal(["6511260|1001", "6511260|2001", null], pages.Select(p => p.ResumptionToken));
        var records = pages.SelectMany(p => p.Items).Select(i => i.Record!).ToList();
        Assert.Equal(FullHarvestRecords, records.Select(r => r.ArxivId).Distinct().Count());
        // Every subject name arXiv used that day maps back to a category code.
        Assert.All(records, r => Assert.All(r.Categories!, c => Assert.Matches(@"^[a-z-]+(\.[A-Za-z-]+)?$", c)));
    }

    [Fact]
    public void DublinCore_KnownRecord_HasExactFields()
    {
        var page = ReadFile("full-harvest-2023-03-07/ListRecords_data_2.xml");
        var r = Record(page, "2303.03124");

        Assert.Equal("IFAN: An Explainability-Focused Interaction Framework for Humans and NLP Models", r.Title);
        Assert.Equal(["Edoardo Mosca", "Daryna Dementieva", "Tohid Ebrahim Ajdari", "Maximilian Kummeth", "Kirill Gringauz", "Georg Groh"], r.Authors);
        Assert.Equal(["cs.CL", "cs.AI"], r.Categories);
        Assert.Equal("ACL Demo 2023 Submission", r.Comment);
        Assert.Equal((Utc(2023, 3, 6), (DateTime?)null, 0), (r.PublishedAt, r.UpdatedAt, r.Version));
        Assert.StartsWith("Interpretability and human oversight are fundamental pillars", r.Abstract);
        Assert.EndsWith("A demo is live at https://ifan.ml/", r.Abstract);
        Assert.Null(r.JournalRef);
    }

    [Fact]
    public void DublinCore_IdentifiersCarryDoiAndJournalRef_AndSuffixNamesTurnAround()
    {
        var r = Record(ReadFile("full-harvest-2023-03-07/ListRecords_data_0.xml"), "2203.09894");

        Assert.Equal(("Phys. Rev. C 107, 024907 (2023)", "10.1103/PhysRevC.107.024907"), (r.JournalRef, r.Doi));
        Assert.Equal((Utc(2022, 3, 18), Utc(2023, 3, 4)), (r.PublishedAt, r.UpdatedAt));
        Assert.Equal(["nucl-ex"], r.Categories);
        Assert.Equal(["N. J. Abdulameer", "U. Acharya"], r.Authors![..2]);
        Assert.Equal(["M. Finger Jr.", "M. Finger"], r.Authors![81..83]);
    }

    [Fact]
    public void Page_DeletedRecordsAreCounted_AndUnmappableOnesRejectedWithPlaceAndReason()
    {
        const string xml = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
              <record><header status="deleted"><identifier>oai:arXiv.org:1501.00001</identifier></header></record>
              <record><header><identifier>oai:arXiv.org:not-an-id</identifier></header>
                <metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>not-an-id</id><title>T</title></arXiv></metadata></record>
              <record><header><identifier>oai:arXiv.org:1501.00003</identifier></header>
                <metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>1501.00003</id><title>T</title><created>March 1st</created></arXiv></metadata></record>
              <record><header><identifier>oai:arXiv.org:1501.00004</identifier></header>
                <metadata><marc xmlns="http://www.loc.gov/MARC21/slim"/></metadata></record>
              <record><header><identifier>oai:arXiv.org:1501.00005</identifier></header>
                <metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><title>Only the header names me</title></arXivRaw></metadata></record>
              <resumptionToken completeListSize="5" cursor="0"/>
            </ListRecords></OAI-PMH>
            """;
        var page = OaiPageReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "page 3");

        Assert.Equal((1, 4, 5, (string?)null), (page.Deleted, page.Items.Count, page.Records, page.ResumptionToken));
        Assert.Equal(
            [
                "page 3:record 2: oai:arXiv.org:not-an-id: 'not-an-id' is not an arXiv id",
                "page 3:record 3: oai:arXiv.org:1501.00003: bad created date 'March 1st'",
                "page 3:record 4: oai:arXiv.org:1501.00004: unsupported metadata format <marc xmlns=\"http://www.loc.gov/MARC21/slim\">",
            ],
            page.Items.Where(i => i.Error is not null).Select(i => $"{i.Where}: {i.Error}"));
        Assert.Equal("1501.00005", page.Items[^1].Record!.ArxivId);
    }

    [Theory]
    [InlineData("ErrorResponseBadArgument.xml", "badArgument", "Verb 'ListRecords', illegal argument 'identifier'.")]
    [InlineData("ErrorResponseBadResumptionToken.xml", "badResumptionToken", "The resumptionToken supplied is illegal for this repository")]
    [InlineData("ErrorResponseBadVerb.xml", "badVerb", "Bad verb. Verb 'wah' not implemented.")]
    [InlineData("ErrorResponseNoRecordsMatch.xml", "noRecordsMatch", "Set argument doesn't match any sets. The setSpec was 'moo'")]
    public void ErrorAnswer_IsReadWithCodeAndMessage(string file, string code, string message)
    {
        var page = ReadFile("errors/" + file);

        Assert.Equal(new OaiError(code, message), page.Error);
        Assert.Empty(page.Items);
    }

    [Fact]
    public void NotOaiPmh_IsAClearFailure()
    {
        var html = File.ReadAllBytes(OaiFile("full-harvest-2023-03-07/arxiv_retry_after.html"));

        var e = Assert.Throws<HarvestException>(() => OaiPageReader.Read(new MemoryStream(html), "page 2"));
        Assert.Equal("page 2: the answer is not an OAI-PMH response (it starts with <html>)", e.Message);
    }

    [Fact]
    public void RetryAfter_TakesSecondsOrAnHttpDate()
    {
        var now = new DateTimeOffset(2018, 6, 21, 14, 30, 51, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(10), OaiClient.RetryAfter(RetryConditionHeaderValue.Parse("10"), now));
        Assert.Equal(TimeSpan.FromSeconds(9), OaiClient.RetryAfter(RetryConditionHeaderValue.Parse("Thu, 21 Jun 2018 14:31:00 GMT"), now));
        Assert.Equal(TimeSpan.Zero, OaiClient.RetryAfter(RetryConditionHeaderValue.Parse("Thu, 21 Jun 2018 14:00:00 GMT"), now));
        Assert.Null(OaiClient.RetryAfter(null, now));
    }
}
