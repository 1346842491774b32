using Microsoft.EntityFrameworkCore;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Import;

public class AtomReaderTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    private static string Feed(params string[] entries) =>
        "<?xml version='1.0' encoding='UTF-8'?>\n" +
        "<feed xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n" +
        "  <title>arXiv Query</title>\n" + string.Concat(entries) + "</feed>\n";

    private static string Entry(string id, string title = "A title", string categories = "<category term=\"cs.LG\"/>") =>
        $"  <entry>\n    <id>{id}</id>\n    <title>{title}</title>\n    <updated>2025-01-02T03:04:05Z</updated>\n" +
        $"    <summary>An abstract.</summary>\n    <published>2025-01-01T00:00:00Z</published>\n" +
        $"    <author><name>Ada Lovelace</name></author>\n    {categories}\n  </entry>\n";

    [Fact]
    public void Read_QueryPage_Yields10RecordsLocatedByLine()
    {
        var items = Imports.ReadAll(AtomReader.Read, SharedData.File("arxiv/atom/query.xml"));

        Assert.Equal(10, items.Count);
        Assert.All(items, i => Assert.Null(i.Error));
        Assert.Equal(
            ["nucl-ex/0408020", "1309.4668", "1606.02159", "1610.08734", "2102.00018", "0803.1617", "1205.6628", "nucl-th/9910021", "1602.03411", "1401.3666"],
            items.Select(i => i.Record!.ArxivId));
        Assert.Equal([1, 1, 1, 3, 2, 1, 2, 3, 1, 2], items.Select(i => i.Record!.Version));
        Assert.Equal(new SourceLocation("query.xml", 10), items[0].Where);
        Assert.Equal(new SourceLocation("query.xml", 50), items[1].Where);
    }

    [Fact]
    public void Read_QueryPage_KeepsEveryFieldOfAnEntry()
    {
        var records = Imports.Records(AtomReader.Read, SharedData.File("arxiv/atom/query.xml"));
        var first = records[0];
        var second = records[1];

        Assert.Equal("Two-photon exchange and elastic scattering of electrons/positrons on the proton. (Proposal for an experiment at VEPP-3)", first.Title);
        Assert.Equal(["J. Arrington", "V. F. Dmitriev", "R. J. Holt", "D. M. Nikolenko", "I. A. Rachek", "Yu. V. Shestakov",
                      "V. N. Stibunov", "D. K. Toporkov", "H. de Vries"], first.Authors);
        Assert.Equal(["nucl-ex", "hep-ph"], first.Categories);
        Assert.Equal(Utc(2004, 8, 18, 23, 13, 32), first.PublishedAt);
        Assert.Equal(Utc(2005, 9, 17, 15, 4, 24), first.UpdatedAt);
        Assert.Equal("13 pages, 10 figures. Proposal for a comparison of electron-proton and positron-proton scattering at VEPP-3", first.Comment);
        Assert.StartsWith("  It has been suggested that two-photon exchange", first.Abstract);
        Assert.Null(first.Doi);
        Assert.Null(first.Daily);

        Assert.Equal(["A. Pertica", "S. J. Payne"], second.Authors);
        Assert.Equal(["physics.acc-ph"], second.Categories);
        Assert.Equal("CERN Yellow Report CERN-2013-002, pp.237-240", second.JournalRef);
        Assert.Equal("10.5170/CERN-2013-002.237", second.Doi);
    }

    [Fact]
    public void Read_EmptyResult_YieldsNothing() =>
        Assert.Empty(Imports.ReadAll(AtomReader.Read, SharedData.File("arxiv/atom/query_empty.xml")));

    [Fact]
    public void Read_IdListWithMissingIds_YieldsThePaperArxivFound()
    {
        // Four ids were asked for; arXiv answered with the one it has and said nothing of the others.
        var r = Assert.Single(Imports.Records(AtomReader.Read, SharedData.File("arxiv/atom/query_missing_id.xml")));

        Assert.Equal(("2201.13452", 1), (r.ArxivId, r.Version));
        Assert.Equal("Asymptotic Analysis for a Nonlinear Reaction-Diffusion System Modeling an Infectious Disease", r.Title);
        Assert.Equal(["Hong-Ming Yin", "Jun Zou"], r.Authors);
        Assert.Equal(["math.AP"], r.Categories);
        Assert.Equal((Utc(2022, 1, 31, 18, 59, 34), Utc(2022, 2, 1, 4, 27, 3)), (r.PublishedAt, r.UpdatedAt));
        Assert.Equal("34 pages", r.Comment);
    }

    [Fact]
    public void Read_PrimaryCategoryListedLater_ComesFirst()
    {
        using var temp = new TempFolder();
        var path = temp.Write("page.xml", Feed(Entry("http://arxiv.org/abs/2501.00001v2",
            categories: "<category term=\"cs.LG\"/><category term=\"cs.CL\"/><arxiv:primary_category term=\"cs.CL\"/>")));

        Assert.Equal(["cs.CL", "cs.LG"], Imports.Records(AtomReader.Read, path).Single().Categories);
    }

    [Fact]
    public void Read_ArxivErrorEntry_IsRejectedWithArxivsMessage()
    {
        // The form arXiv's API manual gives for a malformed id_list.
        const string error = """
              <entry>
                <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345v1a</id>
                <title>Error</title>
                <summary>incorrect id format for 1234.12345v1a</summary>
                <updated>2007-10-12T00:00:00-04:00</updated>
                <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345v1a" rel="alternate" type="text/html"/>
                <author><name>arXiv api core</name></author>
              </entry>

            """;
        using var temp = new TempFolder();

        var item = Assert.Single(Imports.ReadAll(AtomReader.Read, temp.Write("error.xml", Feed(error))));

        Assert.Equal(new SourceLocation("error.xml", 4), item.Where);
        Assert.Equal("arXiv API error: incorrect id format for 1234.12345v1a", item.Error);
    }

    [Fact]
    public void Read_BadEntries_AreRejectedByLineAndTheNextEntryIsRead()
    {
        using var temp = new TempFolder();
        var path = temp.Write("page.xml", Feed(
            Entry("http://arxiv.org/abs/2501.00001v1"),
            Entry("http://arxiv.org/abs/not-an-id"),
            Entry("http://arxiv.org/abs/2501.00003v1", title: "  "),
            Entry("http://arxiv.org/abs/2501.00004v1").Replace("2025-01-02T03:04:05Z", "yesterday"),
            Entry("http://arxiv.org/abs/2501.00005v1")));

        var items = Imports.ReadAll(AtomReader.Read, path);

        (long, string?)[] expected =
        [
            (4, null),
            (13, "<id> is not an arXiv id: \"http://arxiv.org/abs/not-an-id\""),
            (22, "missing <title>"),
            (31, "<updated> is not a date and time: \"yesterday\""),
            (40, null),
        ];
        Assert.Equal(expected, items.Select(i => (i.Where.Number, i.Error)));
    }

    [Fact]
    public void Read_BrokenXml_KeepsTheEntriesBeforeAndReportsTheLine()
    {
        var lines = File.ReadAllLines(SharedData.File("arxiv/atom/query.xml"));
        using var temp = new TempFolder();
        // Cut the page inside its third entry, as a dropped connection would.
        var path = temp.Write("cut.xml", string.Join("\n", lines[..80]));

        var items = Imports.ReadAll(AtomReader.Read, path);

        Assert.Equal(3, items.Count);
        Assert.Equal(["nucl-ex/0408020", "1309.4668"], items.Take(2).Select(i => i.Record!.ArxivId));
        Assert.Equal("cut.xml", items[2].Where.File);
        Assert.Equal(80, items[2].Where.Number);
        Assert.StartsWith("malformed XML: Unexpected end of file", items[2].Error);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Import_AtomPages_SecondRunChangesNothing(Engine engine)
    {
        var page = SharedData.File("arxiv/atom/query.xml");
        var missing = SharedData.File("arxiv/atom/query_missing_id.xml");
        await using var db = await TestDatabase.CreateAsync(engine);

        var first = await Imports.ImportAsync(db, AtomReader.Read, page);
        await Imports.ImportAsync(db, AtomReader.Read, missing);
        var content = await Imports.ContentAsync(db);
        var second = await Imports.ImportAsync(db, AtomReader.Read, page);

        Assert.Equal("read 10, imported 10, updated 0, unchanged 0, rejected 0", Imports.Summary(first));
        Assert.Equal("read 10, imported 0, updated 0, unchanged 10, rejected 0", Imports.Summary(second));
        Assert.Equal(11, content.Count);
        Assert.Equal(content, await Imports.ContentAsync(db));
        await using var ctx = db.CreateContext();
        var paper = await ctx.Papers.SingleAsync(p => p.ArxivId == "1610.08734", TestContext.Current.CancellationToken);
        Assert.Equal((3, "physics.acc-ph", "10.1103/PhysRevAccelBeams.20.101301"), (paper.Version, paper.PrimaryCategory, paper.Doi));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Import_NewerVersion_UpdatesThePaper_AndAnOlderOneDoesNot(Engine engine)
    {
        using var temp = new TempFolder();
        var v1 = temp.Write("v1.xml", Feed(Entry("http://arxiv.org/abs/2501.00001v1", title: "First title")));
        var v2 = temp.Write("v2.xml", Feed(Entry("http://arxiv.org/abs/2501.00001v2", title: "Second title")));
        await using var db = await TestDatabase.CreateAsync(engine);

        await Imports.ImportAsync(db, AtomReader.Read, v1);
        var newer = await Imports.ImportAsync(db, AtomReader.Read, v2);
        var older = await Imports.ImportAsync(db, AtomReader.Read, v1);

        Assert.Equal("read 1, imported 0, updated 1, unchanged 0, rejected 0", Imports.Summary(newer));
        Assert.Equal("read 1, imported 0, updated 0, unchanged 1, rejected 0", Imports.Summary(older));
        await using var ctx = db.CreateContext();
        var paper = await ctx.Papers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((2, "Second title"), (paper.Version, paper.Title));
    }
}
