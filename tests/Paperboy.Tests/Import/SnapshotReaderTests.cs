using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Import;

public class SnapshotReaderTests
{
    private const string Snapshot = "arxiv/kaggle-snapshot-first200.jsonl";

    private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    [Fact]
    public void Read_First200Lines_Yields200Papers()
    {
        var items = Imports.ReadAll(SnapshotReader.Read, SharedData.File(Snapshot));

        Assert.Equal(200, items.Count);
        Assert.All(items, i => Assert.Null(i.Error));
        Assert.Equal(Enumerable.Range(1, 200).Select(n => $"0704.{n:D4}"), items.Select(i => i.Record!.ArxivId));
        Assert.Equal(Enumerable.Range(1, 200), items.Select(i => (int)i.Where.Number));
        Assert.All(items, i => Assert.Null(i.Record!.Daily));
    }

    [Fact]
    public void Read_FirstPaper_TakesVersionDatesAndDecodedAuthors()
    {
        var r = Imports.Records(SnapshotReader.Read, SharedData.File(Snapshot))[0];

        Assert.Equal(("0704.0001", 2), (r.ArxivId, r.Version));
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies", r.Title);
        // From authors_parsed: the authors string spells the first one "C. Bal\'azs".
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"], r.Authors);
        Assert.Equal(["hep-ph"], r.Categories);
        Assert.Equal(Utc(2007, 4, 2, 19, 18, 42), r.PublishedAt);
        Assert.Equal(Utc(2008, 11, 26), r.UpdatedAt);
        Assert.Equal("37 pages, 15 figures; published version", r.Comment);
        Assert.Equal("Phys.Rev.D76:013009,2007", r.JournalRef);
        Assert.Equal("10.1103/PhysRevD.76.013009", r.Doi);
        Assert.StartsWith("  A fully differential calculation", r.Abstract);
    }

    [Fact]
    public void Read_Snapshot_NamesAuthorsFirstLastSuffixWithoutAffiliations()
    {
        var records = Imports.Records(SnapshotReader.Read, SharedData.File(Snapshot));

        Assert.Equal(["math.CO", "cs.CG"], records[1].Categories);
        Assert.Equal(["Ileana Streinu", "Louis Theran"], records[1].Authors);
        Assert.Equal(("0704.0027", 4), (records[26].ArxivId, records[26].Version));
        // authors_parsed carries affiliations as a fourth part: ["Schekochihin", "A. A.", "", "Oxford"].
        Assert.Equal(["A. A. Schekochihin", "S. C. Cowley", "W. Dorland"], records[43].Authors![..3]);
        Assert.Equal(["astro-ph", "nlin.CD", "physics.plasm-ph", "physics.space-ph"], records[43].Categories);
        Assert.Contains("Neal J. Evans II", records[8].Authors!);
    }

    [Fact]
    public void Read_WithoutAuthorsParsed_SplitsTheAuthorsString()
    {
        var line = JsonNode.Parse(RealLines.First(SharedData.File(Snapshot), 44)[43])!.AsObject();
        line.Remove("authors_parsed");
        using var temp = new TempFolder();

        var r = Imports.Records(SnapshotReader.Read, temp.WriteLines("one.jsonl", [line.ToJsonString()])).Single();

        Assert.Equal(["A. A. Schekochihin", "S. C. Cowley", "W. Dorland", "G. W. Hammett", "G. G. Howes", "E. Quataert", "T. Tatsuno"], r.Authors);
    }

    [Fact]
    public void Read_BadLines_AreRejectedByLineNumberAndTheGoodOnesKept()
    {
        var real = RealLines.First(SharedData.File(Snapshot), 2);
        string With(Action<JsonObject> change) => RealLines.Changed(real[1], change);
        using var temp = new TempFolder();
        var path = temp.WriteLines("mixed.jsonl",
        [
            real[0],
            With(o => o["id"] = 704.0002),
            With(o => o["versions"] = "v1 v2"),
            With(o => o["versions"]![0]!["created"] = "2 April 2007"),
            With(o => o["title"] = null),
            With(o => o["update_date"] = "13/12/2008"),
            With(o => o["versions"]![1]!["version"] = "2"),
            real[1],
        ]);

        var items = Imports.ReadAll(SnapshotReader.Read, path);

        (long, string?)[] expected =
        [
            (1, null),
            (2, "'id' should be a string, found a number"),
            (3, "'versions' should be an array, found a string"),
            (4, "'versions[].created' is not a date like \"Mon, 2 Apr 2007 19:18:42 GMT\": \"2 April 2007\""),
            (5, "missing 'title'"),
            (6, "'update_date' is not a date (yyyy-mm-dd): \"13/12/2008\""),
            (7, "'versions[1].version' is not a version like \"v2\": \"2\""),
            (8, null),
        ];
        Assert.Equal(expected, items.Select(i => (i.Where.Number, i.Error)));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Import_Snapshot_Gives200Papers_AndASecondRunChangesNothing(Engine engine)
    {
        var path = SharedData.File(Snapshot);
        await using var db = await TestDatabase.CreateAsync(engine);

        var first = await Imports.ImportAsync(db, SnapshotReader.Read, path);
        var content = await Imports.ContentAsync(db);
        var second = await Imports.ImportAsync(db, SnapshotReader.Read, path);

        Assert.Equal("read 200, imported 200, updated 0, unchanged 0, rejected 0", Imports.Summary(first));
        Assert.Equal("read 200, imported 0, updated 0, unchanged 200, rejected 0", Imports.Summary(second));
        Assert.Equal(200, content.Count);
        Assert.Equal(content, await Imports.ContentAsync(db));
        await using var ctx = db.CreateContext();
        var paper = await ctx.Papers.SingleAsync(p => p.ArxivId == "0704.0001", TestContext.Current.CancellationToken);
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", paper.Title);
        Assert.Equal((2, "hep-ph"), (paper.Version, paper.PrimaryCategory));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Import_NewerVersionInALaterSnapshot_UpdatesThePaper(Engine engine)
    {
        var line = JsonNode.Parse(RealLines.First(SharedData.File(Snapshot), 1)[0])!.AsObject();
        using var temp = new TempFolder();
        var newer = temp.WriteLines("newer.jsonl", [line.ToJsonString()]);
        line["versions"]!.AsArray().RemoveAt(1);
        line["title"] = "An earlier title";
        var older = temp.WriteLines("older.jsonl", [line.ToJsonString()]);
        await using var db = await TestDatabase.CreateAsync(engine);

        await Imports.ImportAsync(db, SnapshotReader.Read, older);
        var report = await Imports.ImportAsync(db, SnapshotReader.Read, newer);

        Assert.Equal("read 1, imported 0, updated 1, unchanged 0, rejected 0", Imports.Summary(report));
        await using var ctx = db.CreateContext();
        var paper = await ctx.Papers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((2, "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"), (paper.Version, paper.Title));
    }
}
