using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Trending;
using Paperboy.Community.Votes;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Community.Votes;

/// <summary>
/// The counting rule under load: whatever many members do at once, every entry's LocalUpvotes equals the number of
/// its vote rows, and its stored trending score is the formula applied to its counts.
/// </summary>
public class VoteConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task FortyMembersVotingAtOnce_CountsEqualRows_AndScoresEqualTheFormula(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var day = new DateOnly(2025, 6, 2);
        await using (var db = database.CreateContext())
        {
            await new PaperWriter(db).WriteAsync(Enumerable.Range(1, 3).Select(i => new PaperRecord
            {
                ArxivId = $"2506.0000{i}", Title = $"Paper {i}", Abstract = ".",
                Daily = new DailyRecord { Day = day, SubmittedAt = day.ToDateTime(new TimeOnly(10 + i, 0), DateTimeKind.Utc), Upvotes = 10 * i, CommentCount = i },
            }).ToList(), ct: Ct);
            for (var u = 0; u < 40; u++)
                db.Users.Add(new User
                {
                    UserName = $"member{u}", NormalizedUserName = $"MEMBER{u}", Email = $"member{u}@example.org",
                    NormalizedEmail = $"MEMBER{u}@EXAMPLE.ORG", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync(Ct);
        }
        List<long> users, papers;
        await using (var db = database.CreateContext())
        {
            users = await db.Users.Select(u => u.Id).ToListAsync(Ct);
            papers = await db.DailyEntries.Select(e => e.PaperId).ToListAsync(Ct);
        }

        // Each member sends 12 votes and unvotes on the three papers as fast as it can, each on its own connection;
        // repeats of the same state (a double click) are in the mix on purpose.
        var start = new TaskCompletionSource();
        var work = users.Select((user, i) => Task.Run(async () =>
        {
            var random = new Random(i);
            await using var db = database.CreateContext();
            var votes = new VoteService(db, TimeProvider.System);
            await start.Task;
            for (var n = 0; n < 12; n++)
                Assert.NotNull(await votes.SetAsync(user, papers[random.Next(papers.Count)], random.Next(3) != 0, Ct));
        }, Ct)).ToList();
        start.SetResult();
        await Task.WhenAll(work);

        await using (var db = database.CreateContext())
        {
            var entries = await db.DailyEntries.AsNoTracking().ToListAsync(Ct);
            var rows = await db.Votes.GroupBy(v => v.PaperId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct);
            Assert.True(rows.Values.Sum() > 0);
            foreach (var e in entries)
            {
                Assert.Equal(rows.GetValueOrDefault(e.PaperId), e.LocalUpvotes);
                Assert.Equal(EntryCounts.ScoreOf(e), e.Trending);
            }
        }
    }
}
