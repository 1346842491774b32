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
}
