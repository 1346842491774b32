using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Trending;
using Paperboy.Data;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Views;

/// <summary>
/// Stored trending scores that differ from the formula (never computed, computed by an older formula, counts
/// changed without a rescore) are recomputed by the periodic job and by <c>paperboy trending backfill</c>.
/// </summary>
public class TrendingRefreshTests
{
    private static readonly DateOnly Monday = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedStaleAsync(TestSite site)
    {
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Monday, 10),
            TestSite.Paper("2506.00002", Monday, 20),
            TestSite.Paper("2506.00003", new DateOnly(2025, 6, 3), 3));
        // Imports score what they write; these scores went stale otherwise: one never computed (a database from
        // before scores were stored), one from an older formula, one whose counts changed behind its back.
        await FeedData.SetTrendingAsync(site, "2506.00001", 0);
        await FeedData.SetTrendingAsync(site, "2506.00002", 1.5);
        await FeedData.SetLocalAsync(site, "2506.00003", upvotes: 4, comments: 2);
    }

    private static async Task<List<(double Stored, double Expected)>> ScoresAsync(AppDbContext db) =>
        (await db.DailyEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct)).Select(e => (e.Trending, EntryCounts.ScoreOf(e))).ToList();

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Refresh_RecomputesStaleScores_AndThenHasNothingToDo(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await SeedStaleAsync(site);
        await using var db = site.Database.CreateContext();
        Assert.All(await ScoresAsync(db), s => Assert.NotEqual(s.Expected, s.Stored));

        var refresher = site.Services.GetRequiredService<TrendingRefresher>();
        var first = await refresher.RefreshAsync(Ct);

        Assert.Equal(new TrendingRecompute.Result(3, 3), first);
        Assert.All(await ScoresAsync(db), s => Assert.Equal(s.Expected, s.Stored));
        Assert.Equal(new TrendingRecompute.Result(3, 0), await refresher.RefreshAsync(Ct));
        // The trending page now ranks by the fresh scores: Tuesday's entry is newer, Monday's 20 beats Monday's 10.
        Assert.Equal(["2506.00003", "2506.00002", "2506.00001"], FeedData.CardIds(await site.GetStringAsync("/papers/trending")));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task RefreshJob_RunsEveryConfiguredInterval_OnTheInjectedClock(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?>
        {
            ["Paperboy:Trending:RefreshMinutes"] = "5",
            ["Paperboy:Trending:BatchSize"] = "2",
        });
        await SeedStaleAsync(site);
        await using var db = site.Database.CreateContext();

        // Nothing happens before the interval has passed.
        site.Clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(200, Ct);
        Assert.All(await ScoresAsync(db), s => Assert.NotEqual(s.Expected, s.Stored));

        site.Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(async () => (await ScoresAsync(db)).All(s => s.Stored == s.Expected));

        // And again at the next tick, for counts an import changed meanwhile.
        await FeedData.SetLocalAsync(site, "2506.00001", upvotes: 9);
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        await WaitUntilAsync(async () => (await ScoresAsync(db)).All(s => s.Stored == s.Expected));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BackfillVerb_RecomputesEveryScore_WithProgress(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        await SeedStaleAsync(site);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync(["trending", "backfill", "--batch-size", "2", .. site.Database.CliArgs]);

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        // Output is redirected here, so progress comes as plain lines.
        Assert.Contains("Trending scores: 100", stdout);
        Assert.Contains("trending: checked 3 entries, updated 3 scores", stdout);
        await using var db = site.Database.CreateContext();
        Assert.All(await ScoresAsync(db), s => Assert.Equal(s.Expected, s.Stored));

        var again = await PaperboyProcess.RunAsync(["trending", "backfill", .. site.Database.CliArgs]);
        Assert.Contains("checked 3 entries, updated 0 scores", again.Stdout);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the refresh job did not run");
            await Task.Delay(50, Ct);
        }
    }
}
