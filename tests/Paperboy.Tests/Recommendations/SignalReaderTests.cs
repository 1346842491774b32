using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Collections;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Import;
using Paperboy.Recommendations;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Recommendations;

/// <summary>What a member's recommendations learn from, read from the rows their actions leave.</summary>
public class SignalReaderTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTime At(int hour) => new(2025, 6, 3, hour, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Positives_AreOnePerPaper_OfTheStrongestKind_AtTheLatestTime_WithoutNotInterested(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using (var seed = database.CreateContext())
            await new PaperWriter(seed).WriteAsync(Enumerable.Range(1, 8).Select(i => TestSite.Paper($"2506.0000{i}", Monday, i)).ToList(), ct: Ct);
        await using var db = database.CreateContext();
        var ada = await UserAsync(db, "ada");
        var bob = await UserAsync(db, "bob");
        var p = await db.Papers.ToDictionaryAsync(x => x.ArxivId[^1] - '0', x => x.Id, Ct);

        // 1: upvoted only. 2: upvoted at 5, saved at 3 (saved is stronger; the latest time is kept).
        // 3: submitted, upvoted and saved. 4: an example. 5: upvoted, then marked not interested.
        // 6: saved in two collections. 7: only bob's. 8: an example that ada upvoted too.
        db.Votes.AddRange(Vote(ada, p[1], 1), Vote(ada, p[2], 5), Vote(ada, p[3], 2), Vote(ada, p[5], 1), Vote(ada, p[8], 6), Vote(bob, p[7], 1));
        var reading = Collection(ada, "reading");
        var later = Collection(ada, "later");
        var bobs = Collection(bob, "bobs");
        db.Collections.AddRange(reading, later, bobs);
        await db.SaveChangesAsync(Ct);
        db.CollectionItems.AddRange(Item(reading, p[2], 3), Item(reading, p[3], 4), Item(reading, p[6], 1), Item(later, p[6], 7), Item(bobs, p[7], 2));
        db.PaperMarks.AddRange(Mark(ada, p[4], PaperMarkKind.Example, 0), Mark(ada, p[5], PaperMarkKind.NotInterested, 2),
            Mark(ada, p[8], PaperMarkKind.Example, 0), Mark(bob, p[1], PaperMarkKind.NotInterested, 2));
        db.Follows.AddRange(
            new Follow { UserId = ada, Kind = FollowKind.Author, Value = "José García", Key = "jose garcia", CreatedAt = At(1) },
            new Follow { UserId = ada, Kind = FollowKind.Category, Value = "cs.CL", Key = "cs.cl", CreatedAt = At(2) },
            new Follow { UserId = ada, Kind = FollowKind.Author, Value = "Hinton", Key = "hinton", CreatedAt = At(3) },
            new Follow { UserId = bob, Kind = FollowKind.Category, Value = "math.AG", Key = "math.ag", CreatedAt = At(1) });
        await db.SaveChangesAsync(Ct);
        await db.DailyEntries.Where(e => e.PaperId == p[3]).ExecuteUpdateAsync(s => s.SetProperty(e => e.SubmitterId, ada), Ct);

        var signals = await SignalReader.ReadAsync(db, ada, Ct);

        var byPaper = signals.Positives.ToDictionary(s => s.PaperId);
        Assert.Equal([p[1], p[2], p[3], p[4], p[6], p[8]], byPaper.Keys.Order());
        Assert.Equal(new PaperSignal(p[1], SignalKind.Upvoted, At(1)), byPaper[p[1]]);
        Assert.Equal(new PaperSignal(p[2], SignalKind.Saved, At(5)), byPaper[p[2]]);
        // Submitted entries carry the feed's submission time (Monday noon), older than the vote and the save.
        Assert.Equal(new PaperSignal(p[3], SignalKind.Submitted, At(4)), byPaper[p[3]]);
        Assert.Equal(new PaperSignal(p[4], SignalKind.Example, At(0)), byPaper[p[4]]);
        Assert.Equal(new PaperSignal(p[6], SignalKind.Saved, At(7)), byPaper[p[6]]);
        Assert.Equal(new PaperSignal(p[8], SignalKind.Upvoted, At(6)), byPaper[p[8]]);
        Assert.All(signals.Positives, s => Assert.Equal(DateTimeKind.Utc, s.At.Kind));
        // Newest first.
        Assert.Equal(signals.Positives.OrderByDescending(s => s.At).Select(s => s.PaperId), signals.Positives.Select(s => s.PaperId));
        Assert.Equal([p[5]], signals.NotInterested);
        Assert.Equal(["José García", "Hinton"], signals.Authors);
        Assert.Equal(["cs.CL"], signals.Categories);
        Assert.False(signals.IsEmpty);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AMemberWhoDidNothing_HasEmptySignals(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var db = database.CreateContext();
        var newcomer = await UserAsync(db, "newcomer");

        var signals = await SignalReader.ReadAsync(db, newcomer, Ct);

        Assert.True(signals.IsEmpty);
        Assert.Empty(signals.NotInterested);
        Assert.Equal(UserSignals.None(newcomer).Fingerprint, signals.Fingerprint);
    }

    private static async Task<long> UserAsync(AppDbContext db, string name)
    {
        var user = new User { UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = $"{name}@example.org", CreatedAt = At(0) };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }

    private static Vote Vote(long user, long paper, int hour) => new() { UserId = user, PaperId = paper, CreatedAt = At(hour) };

    private static Collection Collection(long user, string slug) =>
        new() { UserId = user, Slug = slug, Name = slug, CreatedAt = At(0), UpdatedAt = At(0) };

    private static CollectionItem Item(Collection c, long paper, int hour) => new() { CollectionId = c.Id, PaperId = paper, AddedAt = At(hour) };

    private static PaperMark Mark(long user, long paper, PaperMarkKind kind, int hour) =>
        new() { UserId = user, PaperId = paper, Kind = kind, CreatedAt = At(hour) };
}
