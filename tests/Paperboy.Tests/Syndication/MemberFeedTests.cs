using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Collections;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

public class MemberFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 3);

    private static async Task<TestSite> SiteAsync(Engine engine)
    {
        var site = await TestSite.StartAsync(engine);
        await site.SeedAsync(Enumerable.Range(1, 4).Select(i => TestSite.Paper($"2506.0000{i}", Day, i)).ToArray());
        return site;
    }

    /// <summary>A collection of <paramref name="owner"/> holding the papers given, the first added first.</summary>
    private static async Task CollectAsync(TestSite site, string owner, string slug, bool isPublic, params string[] papers)
    {
        await using var db = site.Database.CreateContext();
        var userId = await db.Users.Where(u => u.UserName == owner).Select(u => u.Id).SingleAsync(Ct);
        var at = new DateTime(2025, 6, 4, 8, 0, 0, DateTimeKind.Utc);
        var collection = new Collection { UserId = userId, Slug = slug, Name = $"Name of {slug}", IsPublic = isPublic, CreatedAt = at, UpdatedAt = at };
        db.Collections.Add(collection);
        await db.SaveChangesAsync(Ct);
        var ids = await db.Papers.Where(p => papers.Contains(p.ArxivId)).ToDictionaryAsync(p => p.ArxivId, p => p.Id, Ct);
        for (var i = 0; i < papers.Length; i++)
            db.CollectionItems.Add(new CollectionItem { CollectionId = collection.Id, PaperId = ids[papers[i]], AddedAt = at.AddMinutes(i) });
        await db.SaveChangesAsync(Ct);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PublicCollection_IsItsPapers_LastAddedFirst_WithoutHiddenOnes(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var alice = await WebSession.MemberAsync(site, "alice");
        await CollectAsync(site, "alice", "reading", isPublic: true, "2506.00003", "2506.00001", "2506.00004", "2506.00002");
        await FeedData.HideAsync(site, "2506.00004");

        var atom = await FeedClient.LoadAsync(site, "/feeds/collections/alice/reading.atom");
        var rss = await FeedClient.LoadAsync(site, "/feeds/collections/ALICE/reading.rss?limit=2");

        Assert.Equal(["2506.00002", "2506.00001", "2506.00003"], FeedClient.Ids(atom));
        Assert.Equal(["2506.00002", "2506.00001"], FeedClient.Ids(rss));
        Assert.Equal("Collection: Name of reading · Paperboy", atom.Title.Text);
        Assert.Equal("http://localhost/collections/alice/reading", atom.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString());
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PrivateCollection_Is404ToEveryone_InTheWordsOfOneThatDoesNotExist(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var alice = await WebSession.MemberAsync(site, "alice");
        await CollectAsync(site, "alice", "secret", isPublic: false, "2506.00001");

        var anonymous = await FeedClient.ProblemAsync(site, "/feeds/collections/alice/secret.atom");
        using var owners = await alice.GetAsync("/feeds/collections/alice/secret.rss");
        var ownersBody = await owners.Content.ReadAsStringAsync(Ct);
        var missing = await FeedClient.ProblemAsync(site, "/feeds/collections/alice/nothing.atom");
        var nobody = await FeedClient.ProblemAsync(site, "/feeds/collections/nobody/secret.atom");

        Assert.Equal(HttpStatusCode.NotFound, anonymous.Status);
        Assert.Equal(HttpStatusCode.NotFound, owners.StatusCode);
        Assert.DoesNotContain("2506.00001", ownersBody);
        Assert.DoesNotContain("Name of secret", ownersBody);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(missing.Detail.Replace("nothing", "secret"), anonymous.Detail);
        Assert.Equal(HttpStatusCode.NotFound, nobody.Status);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submitted_IsTheMembersSubmissions_MostRecentFirst(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var bob = await WebSession.MemberAsync(site, "bob");
        await using (var db = site.Database.CreateContext())
        {
            var bobId = await db.Users.Where(u => u.UserName == "bob").Select(u => u.Id).SingleAsync(Ct);
            foreach (var (paper, hour) in new[] { ("2506.00001", 9), ("2506.00003", 11), ("2506.00004", 10), ("2506.00002", 12) })
                await db.DailyEntries.Where(e => db.Papers.Any(p => p.Id == e.PaperId && p.ArxivId == paper))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.SubmitterId, bobId)
                        .SetProperty(e => e.SubmittedAt, new DateTime(2025, 6, 3, hour, 0, 0, DateTimeKind.Utc)), Ct);
        }
        await FeedData.HideAsync(site, "2506.00002");

        var feed = await FeedClient.LoadAsync(site, "/feeds/users/bob/submitted.atom");
        var (status, _) = await FeedClient.ProblemAsync(site, "/feeds/users/nobody/submitted.rss");

        Assert.Equal(["2506.00003", "2506.00004", "2506.00001"], FeedClient.Ids(feed));
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
