using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Comments;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Profiles;

public class ProfileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = new(2025, 6, 4);

    private static async Task CommentAsync(TestSite site, long userId, string arxivId, string body, bool hidden = false, bool deleted = false)
    {
        await using var db = site.Database.CreateContext();
        var paperId = await db.Papers.Where(p => p.ArxivId == arxivId).Select(p => p.Id).SingleAsync(Ct);
        var at = TestSite.DefaultNow.UtcDateTime;
        db.Comments.Add(new Comment
        {
            PaperId = paperId, UserId = userId, Body = body, Html = $"<p>{body}</p>", CreatedAt = at,
            HiddenAt = hidden ? at : null, DeletedAt = deleted ? at : null,
        });
        await db.SaveChangesAsync(Ct);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Profile_ShowsSubmissionsUpvotesVisibleCommentsAndCollections(Engine engine)
    {
        await using var site = await CommunitySite.StartAsync(engine);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Today, 0, "Submitted by alice") with { Daily = null, PublishedAt = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc) },
            TestSite.Paper("2506.00002", new DateOnly(2025, 6, 2), 4, "Upvoted by alice"),
            TestSite.Paper("2506.00003", new DateOnly(2025, 6, 2), 2, "Commented by alice"));
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        Assert.Equal(HttpStatusCode.Redirect, (await alice.PostAsync("/papers/submit", new() { ["Paper"] = "2506.00001" })).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await alice.PostAsync("/vote", new() { ["paper"] = "2506.00002", ["up"] = "true" }, formPage: "/papers/submit")).Status);
        var aliceId = await alice.IdAsync();
        await CommentAsync(site, aliceId, "2506.00003", "A **visible** remark on the [method](https://example.org/m).");
        await CommentAsync(site, aliceId, "2506.00003", "A remark a moderator hid.", hidden: true);
        await CommentAsync(site, aliceId, "2506.00003", "A remark alice deleted.", deleted: true);
        await alice.PostAsync("/collections/alice", new() { ["Name"] = "Public picks", ["IsPublic"] = "true" });
        await alice.PostAsync("/collections/alice", new() { ["Name"] = "Private picks", ["IsPublic"] = "false" });

        var seen = await MemberBrowser.Anonymous(site).GetStringAsync("/users/alice");
        var own = await alice.GetStringAsync("/users/alice");

        Assert.Contains("<h1>alice</h1>", seen);
        Assert.Contains("Member since <time datetime=\"2025-06-04\">Jun 4, 2025</time>", seen);
        var submitted = Section(seen, "submitted");
        Assert.Contains("Submitted by alice", submitted);
        var upvoted = Section(seen, "upvoted");
        Assert.Contains("Upvoted by alice", upvoted);
        Assert.Contains("Submitted by alice", upvoted); // the submission is alice's upvote too
        var comments = Section(seen, "comments");
        Assert.Contains("A visible remark on the method.", comments); // the excerpt is the words, not the Markdown
        Assert.Contains("<a href=\"/papers/2506.00003\">Commented by alice</a>", comments);
        Assert.DoesNotContain("hid", comments);
        Assert.DoesNotContain("deleted", comments);
        Assert.Contains("Public picks", seen);
        Assert.DoesNotContain("Private picks", seen);
        Assert.DoesNotContain("alice@example.org", seen);
        Assert.Contains("Private picks", own);
        Assert.Contains("href=\"/account/settings\"", own);
        // The paper page names its submitter with a link to the profile, as the cards do.
        var page = await MemberBrowser.Anonymous(site).GetStringAsync("/papers/2506.00001");
        Assert.Matches("submitted by\\s*<a class=\"submitter\" href=\"/users/alice\">alice</a>", page);
    }

    private static string Section(string html, string id) =>
        Regex.Match(html, $"<section class=\"profile-section\" id=\"{id}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task Profile_LongListsOfferMore_AndPageThrough()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);
        var papers = Enumerable.Range(1, 7).Select(i => TestSite.Paper($"2506.{i:00000}", new DateOnly(2025, 6, 2), i, $"Paper number {i}")).ToArray();
        await site.SeedAsync(papers);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        foreach (var p in papers)
        {
            site.Clock.Advance(TimeSpan.FromMinutes(1));
            await alice.PostAsync("/vote", new() { ["paper"] = p.ArxivId, ["up"] = "true" }, formPage: "/papers/submit");
        }

        var overview = await alice.GetStringAsync("/users/alice");
        var page0 = await alice.GetStringAsync("/users/alice?list=upvoted");
        using var badList = await alice.GetAsync("/users/alice?list=passwords");

        Assert.Contains("Paper number 7", overview);
        Assert.Contains("Paper number 3", overview);
        Assert.DoesNotContain("Paper number 2", overview);
        Assert.Contains("href=\"/users/alice?list=upvoted\">More</a>", overview);
        Assert.Contains("Paper number 1", page0);
        Assert.Equal(HttpStatusCode.NotFound, badList.StatusCode);
    }

    [Theory]
    [InlineData("/users/nobody")]
    [InlineData("/users/%3Cscript%3E")]
    [InlineData("/collections/nobody")]
    [InlineData("/collections/nobody/anything")]
    public async Task UnknownMember_Is404Page(string url)
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);

        using var response = await MemberBrowser.Anonymous(site).GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Profile_NameIsMatchedCaseInsensitively_AndSubmitterLinksToIt()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);
        await site.SeedAsync(TestSite.Paper("2506.00001", Today, 0, "Fresh") with { Daily = null, PublishedAt = new DateTime(2025, 6, 3, 12, 0, 0, DateTimeKind.Utc) });
        var alice = await MemberBrowser.SignUpAsync(site, "Alice_B");
        await alice.PostAsync("/papers/submit", new() { ["Paper"] = "2506.00001" });

        var profile = await MemberBrowser.Anonymous(site).GetStringAsync("/users/alice_b");
        var feed = await MemberBrowser.Anonymous(site).GetStringAsync("/papers/date/2025-06-04");

        Assert.Contains("<h1>Alice_B</h1>", profile);
        Assert.Contains("<a class=\"submitter\" href=\"/users/Alice_B\">Alice_B</a>", feed);
    }

    [Fact]
    public async Task SignOut_FromTheHeader_Works()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, _, _) = await alice.PostAsync("/account/signout", [], formPage: "/users/alice");
        using var settings = await alice.GetAsync("/account/settings");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Contains("/account/signin", settings.Headers.Location!.OriginalString);
    }
}
