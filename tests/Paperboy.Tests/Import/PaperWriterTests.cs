using Microsoft.EntityFrameworkCore;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Import;

public class PaperWriterTests
{
    private static PaperRecord Record(string id, int version = 1, string title = "A title", DailyRecord? daily = null) => new()
    {
        ArxivId = id, Version = version, Title = title, Abstract = "An abstract.\n  Wrapped line.",
        Authors = ["Ada Lovelace", "Alan  Turing"], Categories = ["cs.LG", "cs.AI"],
        PublishedAt = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc), Daily = daily,
    };

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Write_SameBatchTwice_SecondChangesNothing(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var db = tdb.CreateContext();
        var writer = new PaperWriter(db);
        var day = new DailyRecord { Day = new DateOnly(2025, 3, 3), SubmittedBy = "ada", Upvotes = 5, CommentCount = 1 };
        PaperRecord[] batch = [Record("2503.00001", daily: day), Record("2503.00002"), Record("hep-th/9901001")];

        Assert.Equal([RecordOutcome.Imported, RecordOutcome.Imported, RecordOutcome.Imported], await writer.WriteAsync(batch, ct: TestContext.Current.CancellationToken));
        var changes = await db.Papers.MaxAsync(p => p.ChangeNumber, TestContext.Current.CancellationToken);
        Assert.Equal([RecordOutcome.Unchanged, RecordOutcome.Unchanged, RecordOutcome.Unchanged], await writer.WriteAsync(batch, ct: TestContext.Current.CancellationToken));

        Assert.Equal(3, await db.Papers.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(changes, await db.Papers.MaxAsync(p => p.ChangeNumber, TestContext.Current.CancellationToken));
        var paper = await db.Papers.AsNoTracking().SingleAsync(p => p.ArxivId == "2503.00001", TestContext.Current.CancellationToken);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], paper.Authors);
        Assert.Equal("An abstract. Wrapped line.", paper.Abstract);
        Assert.Equal("cs.LG", paper.PrimaryCategory);
        var entry = await db.DailyEntries.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((new DateOnly(2025, 3, 3), 5, "ada"), (entry.Day, entry.Upvotes, entry.SubmittedBy));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Write_StoresTheTrendingScoreOfTheMergedCounts_KeepingTheSitesOwnVotes(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var db = tdb.CreateContext();
        var writer = new PaperWriter(db);
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTime(2025, 3, 3, 14, 0, 0, DateTimeKind.Utc);
        var day = new DailyRecord { Day = new DateOnly(2025, 3, 3), SubmittedAt = at, Upvotes = 5, CommentCount = 2 };
        await writer.WriteAsync([Record("2503.00001", daily: day)], ct: ct);
        var first = await db.DailyEntries.AsNoTracking().SingleAsync(ct);
        Assert.Equal(Paperboy.Community.Trending.TrendingScore.Compute(5, 2, at), first.Trending);

        // Three votes made here, then a later capture of the source with more upvotes.
        await db.DailyEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.LocalUpvotes, 3), ct);
        Assert.Equal([RecordOutcome.Updated], await writer.WriteAsync([Record("2503.00001", daily: day with { Upvotes = 9 })], ct: ct));

        var after = await db.DailyEntries.AsNoTracking().SingleAsync(ct);
        Assert.Equal((9, 3), (after.Upvotes, after.LocalUpvotes));
        Assert.Equal(Paperboy.Community.Trending.TrendingScore.Compute(12, 2, at), after.Trending);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Write_NewerVersion_UpdatesPaperAndBumpsChangeNumber(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var db = tdb.CreateContext();
        var writer = new PaperWriter(db);
        var ct = TestContext.Current.CancellationToken;
        await writer.WriteAsync([Record("2503.00001"), Record("2503.00002")], ct: ct);
        var before = await db.Papers.AsNoTracking().SingleAsync(p => p.ArxivId == "2503.00001", ct);

        Assert.Equal([RecordOutcome.Updated], await writer.WriteAsync([Record("2503.00001", version: 2, title: "Better title")], ct: ct));
        // An older version never overwrites a newer one.
        Assert.Equal([RecordOutcome.Unchanged], await writer.WriteAsync([Record("2503.00001", version: 1, title: "Old title")], ct: ct));

        var after = await db.Papers.AsNoTracking().SingleAsync(p => p.ArxivId == "2503.00001", ct);
        Assert.Equal(("Better title", 2), (after.Title, after.Version));
        Assert.True(after.ChangeNumber > before.ChangeNumber);
        Assert.Equal(after.ChangeNumber, await db.Papers.MaxAsync(p => p.ChangeNumber, ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Write_DailyOnTwoDays_KeepsEarliestDayAndHighestCounts(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var db = tdb.CreateContext();
        var writer = new PaperWriter(db);
        var ct = TestContext.Current.CancellationToken;
        await writer.WriteAsync([Record("2503.00001", daily: new DailyRecord { Day = new(2025, 3, 4), SubmittedBy = "late", Upvotes = 9 })], ct: ct);
        var outcomes = await writer.WriteAsync([Record("2503.00001", daily: new DailyRecord { Day = new(2025, 3, 3), SubmittedBy = "early", Upvotes = 2 })], ct: ct);

        Assert.Equal([RecordOutcome.Updated], outcomes);
        var entry = await db.DailyEntries.AsNoTracking().SingleAsync(ct);
        Assert.Equal((new DateOnly(2025, 3, 3), "early", 9), (entry.Day, entry.SubmittedBy, entry.Upvotes));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Write_NewAndChangedPapersInOneBatch_InsertsAndUpdatesEachWithItsOwnChangeNumber(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var db = tdb.CreateContext();
        var writer = new PaperWriter(db);
        var ct = TestContext.Current.CancellationToken;
        DailyRecord Votes(int n) => new() { Day = new DateOnly(2025, 3, 3), SubmittedBy = "ada", Upvotes = n };
        await writer.WriteAsync([Record("2503.00001", daily: Votes(1)), Record("2503.00002", daily: Votes(1)), Record("2503.00003")], ct: ct);
        var before = await db.Papers.MaxAsync(p => p.ChangeNumber, ct);

        var outcomes = await writer.WriteAsync(
        [
            Record("2503.00001", version: 2, title: "Second version", daily: Votes(1)), // the paper changes
            Record("2503.00002", daily: Votes(7)),                                      // only its feed entry changes
            Record("2503.00003"),                                                       // nothing changes
            Record("2503.00004", daily: Votes(3)),                                      // new
            Record("2503.00001", version: 2, title: "Second version"),                  // named twice
        ], ct: ct);

        Assert.Equal([RecordOutcome.Updated, RecordOutcome.Updated, RecordOutcome.Unchanged, RecordOutcome.Imported, RecordOutcome.Unchanged], outcomes);
        var papers = await db.Papers.AsNoTracking().OrderBy(p => p.ArxivId).ToListAsync(ct);
        Assert.Equal(["Second version", "A title", "A title", "A title"], papers.Select(p => p.Title));
        Assert.Equal(4, papers.Select(p => p.ChangeNumber).Distinct().Count());
        // Only the changed paper and the new one took numbers, after every earlier one.
        Assert.Equal([before + 1, before + 2], papers.Where(p => p.ChangeNumber > before).Select(p => p.ChangeNumber).Order().ToArray());
        var entries = await db.DailyEntries.AsNoTracking().Include(d => d.Paper).ToDictionaryAsync(d => d.Paper.ArxivId, d => d.Upvotes, ct);
        Assert.Equal(new Dictionary<string, int> { ["2503.00001"] = 1, ["2503.00002"] = 7, ["2503.00004"] = 3 }, entries);
        Assert.Equal([RecordOutcome.Unchanged, RecordOutcome.Unchanged], await writer.WriteAsync([Record("2503.00002", daily: Votes(7)), Record("2503.00004", daily: Votes(3))], ct: ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Write_StoresTextTimesDaysAndListsAsEfCoreDoes(Engine engine)
    {
        await using var tdb = await TestDatabase.CreateAsync(engine);
        await using var db = tdb.CreateContext();
        var ct = TestContext.Current.CancellationToken;
        var published = new DateTime(2025, 3, 1, 12, 34, 56, DateTimeKind.Utc).AddTicks(1234567);
        var updated = new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        var submitted = new DateTime(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc).AddTicks(5);
        string[] authors = ["Niccolò Zhu", "Zhen Bačić", "O'Brien \"Quoted\" <tag> & co", "李雷"];
        await new PaperWriter(db).WriteAsync([Record("2503.00001") with
        {
            Title = "Ünïcödé: ∑ and emoji 🙂", Authors = [.. authors], PublishedAt = published, UpdatedAt = updated,
            Comment = "", Daily = new DailyRecord { Day = new DateOnly(2025, 3, 3), SubmittedAt = submitted, Upvotes = 1 },
        }], ct: ct);

        // EF Core finds the row by the values as it would write them itself: same text for times and days.
        var paper = await db.Papers.AsNoTracking().SingleAsync(p => p.PublishedAt == published && p.UpdatedAt == updated, ct);
        Assert.Equal(("Ünïcödé: ∑ and emoji 🙂", null), (paper.Title, paper.Comment));
        Assert.Equal(authors, paper.Authors);
        Assert.Equal(1, await db.DailyEntries.CountAsync(d => d.Day == new DateOnly(2025, 3, 3) && d.SubmittedAt == submitted, ct));
        var storedAuthors = await db.Database.SqlQueryRaw<string>("SELECT \"Authors\" AS \"Value\" FROM papers").SingleAsync(ct);
        Assert.Equal(Paperboy.Data.StringListJson.Serialize([.. authors]), storedAuthors);
    }
}
