using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Import;
using Paperboy.Recommendations;
using Paperboy.Tests.Search;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Recommendations;

/// <summary>
/// A site with real embeddings of papers on a few subjects (weather, proteins, translation, medical images), two or
/// three papers each, so a member's taste in one subject has neighbours to find.
/// </summary>
public static class ForYouSite
{
    public static PaperRecord[] Papers() =>
    [
        .. SearchSite.Papers(),
        SearchSite.Paper("2506.00006", "Flood forecasting from river gauges and heavy rainfall",
            "River floods are forecast days ahead from gauge levels, rainfall radar and weather models.",
            ["physics.ao-ph"], ["Ada Lovelace"]),
        SearchSite.Paper("2506.00007", "Predicting enzyme function from protein sequences",
            "Enzyme commission numbers are predicted from amino acid sequences with a protein language model.",
            ["q-bio.BM"], ["Barbara Liskov", "Alan Turing"]),
        SearchSite.Paper("2506.00008", "Terminology-aware translation of patents",
            "Neural machine translation of patent claims that keeps a glossary of technical terms consistent.",
            ["cs.CL"], ["Alan Kay"]),
    ];

    public static async Task<TestSite> StartAsync(Engine engine)
    {
        var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?>
        {
            ["Paperboy:Search:CatchUpSeconds"] = "3600",
            ["Paperboy:Search:Embed"] = "false",
        });
        await site.SeedAsync(Papers());
        await SearchSite.LevelAsync(site, embeddings: true);
        return site;
    }

    public static async Task<long> UserIdAsync(TestSite site, string name)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<long> PaperIdAsync(TestSite site, string arxivId)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Papers.Where(p => p.ArxivId == arxivId).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    public static async Task UpvoteAsync(TestSite site, long userId, string arxivId)
    {
        var paperId = await PaperIdAsync(site, arxivId);
        using var scope = site.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<VoteService>().SetAsync(userId, paperId, true, TestContext.Current.CancellationToken);
        Assert.NotNull(result);
    }

    public static async Task MarkAsync(TestSite site, long userId, string arxivId, PaperMarkKind kind)
    {
        var paperId = await PaperIdAsync(site, arxivId);
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.PaperMarks.Add(new PaperMark { UserId = userId, PaperId = paperId, Kind = kind, CreatedAt = site.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public static async Task FollowAsync(TestSite site, long userId, FollowKind kind, string value)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(FollowTarget.TryParse(kind == FollowKind.Author ? "author" : "category", value, out var target, out var error), error);
        db.Follows.Add(new Follow { UserId = userId, Kind = kind, Value = target.Value, Key = target.Key, CreatedAt = site.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The member's picks as the recommender gives them, arXiv ids and reasons, best first.</summary>
    public static async Task<List<(string ArxivId, string Reason)>> PicksAsync(TestSite site, long userId, PickScope? scope = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = site.Services.CreateScope();
        var db = services.ServiceProvider.GetRequiredService<AppDbContext>();
        var signals = await SignalReader.ReadAsync(db, userId, ct);
        var picks = await site.Services.GetRequiredService<Recommender>().PickAsync(db, signals,
            scope ?? PickScope.Days(SearchSite.Day.AddDays(-6), SearchSite.Day), 20, ct);
        var ids = picks.Select(p => p.PaperId).ToList();
        var arxiv = await db.Papers.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ArxivId, ct);
        return picks.Select(p => (arxiv[p.PaperId], p.Reason.Text)).ToList();
    }
}
