using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Import;

public class HfDailyReaderTests
{
    private const string Archive = "hf-daily-papers/daily-papers-2024-05-to-2026-08.jsonl.gz";

    private static DateTime Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) => new(y, mo, d, h, mi, s, ms, DateTimeKind.Utc);

    [Fact]
    public void Read_DailyPapersArchive_Yields9581RecordsOf9577Papers()
    {
        var records = Imports.Records(HfDailyReader.Read, SharedData.File(Archive));

        Assert.Equal(9_581, records.Count);
        Assert.Equal(9_577, records.Select(r => r.ArxivId).Distinct().Count());
        Assert.All(records, r => Assert.NotNull(r.Daily));
        // The README's 3,484 submitters are those of paper.submittedOnDailyBy; older entries name theirs only
        // in the top-level submittedBy, which brings the archive to 4,118.
        Assert.Equal(3_484, records.Where(r => r.Daily!.SubmittedAt is not null).Select(r => r.Daily!.SubmittedBy).Distinct().Count());
        Assert.Equal(4_118, records.Select(r => r.Daily!.SubmittedBy).OfType<string>().Distinct().Count());
        Assert.Equal(224, records.Count(r => r.Daily!.SubmittedBy is null));
    }

    [Fact]
    public void Read_DailyPapersArchive_SubmittedOnDailyAtFallsOnTheArchiveDayInUtc()
    {
        // The finding the reader's day rule rests on: where both are present they agree on every entry.
        var records = Imports.Records(HfDailyReader.Read, SharedData.File(Archive));

        var submitted = records.Where(r => r.Daily!.SubmittedAt is not null).ToList();
        Assert.Equal(7_077, submitted.Count);
        Assert.All(submitted, r => Assert.Equal(r.Daily!.Day, DateOnly.FromDateTime(r.Daily.SubmittedAt!.Value)));
    }

    [Fact]
    public void Read_ArchiveEntry_KeepsPaperFeedPlaceAndHiddenAuthors()
    {
        var item = Imports.ReadAll(HfDailyReader.Read, SharedData.File(Archive)).Single(i => i.Record?.ArxivId == "2507.02025");
        var r = item.Record!;

        Assert.Equal(new SourceLocation("daily-papers-2024-05-to-2026-08.jsonl.gz", 3758), item.Where);
        Assert.Equal("IntFold: A Controllable Foundation Model for General and Specialized\n  Biomolecular Structure Prediction", r.Title);
        // "Gary Liu" is marked hidden on Hugging Face and is still the fifth author.
        Assert.Equal(["The IntFold Team", "Leon Qiao", "Wayne Bai", "He Yan", "Gary Liu", "Nova Xi", "Xiang Zhang"], r.Authors);
        Assert.Equal(0, r.Version);
        Assert.Equal(Utc(2025, 7, 2, 16, 9, 47), r.PublishedAt);
        Assert.Equal("https://github.com/IntelliGen-AI/IntFold", r.GithubRepo);
        Assert.Equal("https://server.intfold.com/", r.ProjectPage);
        Assert.StartsWith("We introduce IntFold", r.Abstract);
        Assert.Equal(new DailyRecord
        {
            Day = new DateOnly(2025, 7, 4), SubmittedAt = Utc(2025, 7, 4, 3, 52, 28, 488), SubmittedBy = "siqisun",
            SubmitterFullname = "Siqi Sun", SubmitterAvatarUrl = "/avatars/165ed684b0750e7f57b9f2babfb47a8c.svg",
            Upvotes = 27, CommentCount = 1,
        }, r.Daily);
    }

    [Fact]
    public void Read_OlderArchiveEntry_TakesSubmitterFromTopLevelSubmittedBy()
    {
        var r = Imports.Records(HfDailyReader.Read, SharedData.File(Archive)).Single(r => r.ArxivId == "2503.01785");

        Assert.Equal("Visual-RFT: Visual Reinforcement Fine-Tuning", r.Title);
        Assert.Equal(new DailyRecord
        {
            Day = new DateOnly(2025, 3, 4), SubmittedAt = null, SubmittedBy = "Zery", SubmitterFullname = "Zeyi Sun",
            SubmitterAvatarUrl = "https://cdn-avatars.huggingface.co/v1/production/uploads/1677566802735-noauth.jpeg",
            Upvotes = 24, CommentCount = 1,
        }, r.Daily);
    }

    [Theory]
    [InlineData("2025-03-17.json", 12)]
    [InlineData("2025-06-02.json", 20)]
    [InlineData("2026-08-21.json", 17)]
    public void Read_WholeDailyResponse_YieldsEveryEntryOnThatDay(string name, int count)
    {
        var items = Imports.ReadAll(HfDailyReader.Read, SharedData.File($"hf-daily-papers/raw-sample/{name}"));

        Assert.Equal(count, items.Count);
        Assert.All(items, i => Assert.Null(i.Error));
        Assert.All(items, i => Assert.Equal(DateOnly.Parse(name[..10]), i.Record!.Daily!.Day));
        Assert.Equal(Enumerable.Range(1, count).Select(n => new SourceLocation(name, n, IsLine: false)), items.Select(i => i.Where));
    }

    [Fact]
    public void Read_WholeDailyResponse_FirstEntryFields()
    {
        var r = Imports.Records(HfDailyReader.Read, SharedData.File("hf-daily-papers/raw-sample/2025-06-02.json"))[0];

        Assert.Equal("2505.24864", r.ArxivId);
        Assert.StartsWith("ProRL: Prolonged Reinforcement Learning", r.Title);
        Assert.Equal(["Mingjie Liu", "Shizhe Diao", "Ximing Lu", "Jian Hu", "Xin Dong", "Yejin Choi", "Jan Kautz", "Yi Dong"], r.Authors);
        Assert.Equal(Utc(2025, 5, 30, 17, 59, 1), r.PublishedAt);
        Assert.Null(r.GithubRepo);
        Assert.Equal(new DailyRecord
        {
            Day = new DateOnly(2025, 6, 2), SubmittedAt = Utc(2025, 6, 2, 3, 18, 21, 654), SubmittedBy = "shizhediao",
            SubmitterFullname = "Shizhe Diao", SubmitterAvatarUrl = "/avatars/150aa5b8d9bcca24366402932bf2d049.svg",
            Upvotes = 35, CommentCount = 1,
        }, r.Daily);
    }

    [Theory]
    [InlineData("2024-12-11.json", 26)]
    [InlineData("2024-12-12.json", 18)]
    public void Read_ArrayOfPythonReprStrings_RejectsEveryElement(string name, int count)
    {
        var items = Imports.ReadAll(HfDailyReader.Read, SharedData.File($"hf-daily-papers/malformed/{name}"));

        Assert.Equal(count, items.Count);
        Assert.All(items, i => Assert.Equal("expected a JSON object, found a string (a Python repr?)", i.Error));
        Assert.Equal(Enumerable.Range(1, count).Select(n => new SourceLocation(name, n, IsLine: false)), items.Select(i => i.Where));
    }

    [Fact]
    public void Read_EntryWithoutArchiveDateOrSubmittedOnDailyAt_TakesDayFromFileNameElseTopLevelPublishedAt()
    {
        // The archive's first line is an older entry: no paper.submittedOnDailyAt; top-level publishedAt 2024-05-27T03:50:58Z.
        var entry = JsonNode.Parse(RealLines.First(SharedData.File(Archive), 1)[0])!.AsObject();
        Assert.Equal("2024-05-27", (string?)entry["_archive_date"]);
        entry.Remove("_archive_date");
        using var temp = new TempFolder();

        var dated = Imports.Records(HfDailyReader.Read, temp.WriteLines("2024-05-28.jsonl", [entry.ToJsonString()]));
        var undated = Imports.Records(HfDailyReader.Read, temp.WriteLines("today.jsonl", [entry.ToJsonString()]));

        Assert.Equal(new DateOnly(2024, 5, 28), dated.Single().Daily!.Day);
        Assert.Equal(new DateOnly(2024, 5, 27), undated.Single().Daily!.Day);
    }

    [Fact]
    public void Read_BadLines_AreRejectedByLineNumberAndTheGoodOnesKept()
    {
        var real = RealLines.First(SharedData.File(Archive), 3);
        string With(Action<JsonObject> change) => RealLines.Changed(real[2], change);
        using var temp = new TempFolder();
        var path = temp.WriteLines("mixed.jsonl",
        [
            real[0],
            With(o => o["paper"]!["id"] = "not-an-id"),
            real[1][..200],
            "",
            With(o => o["paper"]!["upvotes"] = "many"),
            With(o => { o["paper"]!.AsObject().Remove("title"); o.Remove("title"); }),
            With(o => o["paper"]!["authors"]![1] = "Jane Doe"),
            "[1, 2]",
            real[2],
        ]);

        var items = Imports.ReadAll(HfDailyReader.Read, path);

        (long, string?)[] expected =
        [
            (1L, null),
            (2, "'paper.id' is not an arXiv id: \"not-an-id\""),
            (3, "invalid JSON: Expected end of string, but instead reached end of data. (at byte 201)"),
            (5, "'paper.upvotes' should be an integer, found a string"),
            (6, "missing 'paper.title'"),
            (7, "'paper.authors[1]' should be an object, found a string"),
            (8, "expected a JSON object, found an array"),
            (9, null),
        ];
        Assert.Equal(expected, items.Select(i => (i.Where.Number, i.Error)));
        Assert.All(items, i => Assert.True(i.Where.IsLine));
    }

    [Fact]
    public void Read_GzipAndPlain_YieldTheSameRecords()
    {
        var lines = RealLines.First(SharedData.File(Archive), 50);
        using var temp = new TempFolder();

        var plain = Imports.Records(HfDailyReader.Read, temp.WriteLines("part.jsonl", lines));
        var gzip = Imports.Records(HfDailyReader.Read, temp.WriteLines("part.jsonl.gz", lines, gzip: true));

        Assert.Equal(50, plain.Count);
        Assert.Equal(plain.Select(Describe), gzip.Select(Describe));
    }

    private static string Describe(PaperRecord r) =>
        $"{r.ArxivId}|{r.Title}|{string.Join(";", r.Authors!)}|{r.PublishedAt:o}|{r.GithubRepo}|{r.Daily}";

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Import_DailyPapersArchive_Gives9577PapersOnTheFeed_AndASecondRunChangesNothing(Engine engine)
    {
        var path = SharedData.File(Archive);
        await using var db = await TestDatabase.CreateAsync(engine);
        var ct = TestContext.Current.CancellationToken;

        var first = await Imports.ImportAsync(db, HfDailyReader.Read, path);
        var content = await Imports.ContentAsync(db);
        long changes;
        await using (var ctx = db.CreateContext()) changes = await ctx.Papers.MaxAsync(p => p.ChangeNumber, ct);
        var second = await Imports.ImportAsync(db, HfDailyReader.Read, path);

        // Four papers were on the feed twice: their second entry leaves the paper as it was.
        Assert.Equal("read 9581, imported 9577, updated 0, unchanged 4, rejected 0", Imports.Summary(first));
        Assert.Equal("read 9581, imported 0, updated 0, unchanged 9581, rejected 0", Imports.Summary(second));
        Assert.Equal(content, await Imports.ContentAsync(db));
        await using var check = db.CreateContext();
        Assert.Equal(9_577, await check.Papers.CountAsync(ct));
        Assert.Equal(9_577, await check.DailyEntries.CountAsync(ct));
        Assert.Equal(changes, await check.Papers.MaxAsync(p => p.ChangeNumber, ct));
        Assert.Equal(558, await check.DailyEntries.Select(d => d.Day).Distinct().CountAsync(ct));
        Assert.Equal(4_117, await check.DailyEntries.Where(d => d.SubmittedBy != null).Select(d => d.SubmittedBy).Distinct().CountAsync(ct));
        // A paper on the feed on two days keeps the first day and the higher count.
        var twice = await check.DailyEntries.Where(d => d.Paper.ArxivId == "2604.07429").SingleAsync(ct);
        Assert.Equal((new DateOnly(2026, 4, 10), 42), (twice.Day, twice.Upvotes));
        var paper = await check.Papers.SingleAsync(p => p.ArxivId == "2507.02025", ct);
        Assert.Equal("IntFold: A Controllable Foundation Model for General and Specialized Biomolecular Structure Prediction", paper.Title);
        Assert.Equal("https://github.com/IntelliGen-AI/IntFold", paper.GithubRepo);
    }
}
