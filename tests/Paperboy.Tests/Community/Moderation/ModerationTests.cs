using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Moderation;
using Paperboy.Tests.Community.Comments;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Moderation;

public class ModerationTests
{
    private const string Id = "2506.00001";
    private static readonly DateOnly Day = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestSite> SiteAsync(Engine engine)
    {
        var site = await TestSite.StartAsync(engine, settings: CommentsMember.NoRateLimits);
        await site.SeedAsync(TestSite.Paper(Id, Day, 5, "A paper to moderate"));
        return site;
    }

    private static async Task<List<AuditEntry>> AuditAsync(TestSite site)
    {
        await using var db = site.Database.CreateContext();
        return await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct);
    }

    private static async Task<User> UserAsync(TestSite site, string name)
    {
        await using var db = site.Database.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == name, Ct);
    }

    private static async Task<HttpResponseMessage> Expect(HttpStatusCode status, Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.Equal(status, response.StatusCode);
        return response;
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task HidePaper_Is404ForEveryoneElse_AndShownToModeratorsWithABanner(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var ada = await CommentsMember.CreateAsync(site, "ada");

        using var hide = await Expect(HttpStatusCode.Redirect, moderator.PostAsync("/admin/papers/hide", ("paper", Id), ("hide", "true"), ("reason", "not a paper")));

        Assert.Equal("/papers/" + Id, hide.Headers.Location!.OriginalString);
        using (var anonymous = await site.GetAsync("/papers/" + Id)) Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using (var member = await ada.GetAsync("/papers/" + Id)) Assert.Equal(HttpStatusCode.NotFound, member.StatusCode);
        var seen = await moderator.GetStringAsync("/papers/" + Id);
        Assert.Contains("A paper to moderate", seen);
        Assert.Contains("class=\"hidden-banner\"", seen);
        Assert.Contains("Show paper", seen);
        // Nobody can comment on it meanwhile.
        using (var comment = await ada.PostCommentAsync(Id, "Still here?")) Assert.Equal(HttpStatusCode.NotFound, comment.StatusCode);
        Assert.Contains(Id, await moderator.GetStringAsync("/admin"));

        using var show = await Expect(HttpStatusCode.Redirect, moderator.PostAsync("/admin/papers/hide", ("paper", Id), ("hide", "false")));

        Assert.Contains("A paper to moderate", await site.GetStringAsync("/papers/" + Id));
        var audit = await AuditAsync(site);
        Assert.Collection(audit,
            e => Assert.Equal((moderator.Id, "mod", AuditActions.HidePaper, Id, "not a paper"), (e.ActorId, e.ActorName, e.Action, e.Target, e.Reason)),
            e => Assert.Equal((moderator.Id, AuditActions.ShowPaper, Id, (string?)null), (e.ActorId, e.Action, e.Target, e.Reason)));
        Assert.Equal(site.Clock.GetUtcNow().UtcDateTime, audit[0].At, TimeSpan.FromSeconds(1));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task HideComment_IsShownToModeratorsOnly_AndLeavesTheCount(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        var rude = await ada.CommentAsync(Id, "Something rude.");
        var kind = await ada.CommentAsync(Id, "Something kind.");

        using var hide = await Expect(HttpStatusCode.Redirect,
            moderator.PostAsync($"/admin/comments/{rude}/hide", ("hide", "true"), ("reason", "rude")));

        Assert.Equal($"/papers/{Id}#c{rude}", hide.Headers.Location!.OriginalString);
        foreach (var html in new[] { await site.GetStringAsync("/papers/" + Id), await ada.GetStringAsync("/papers/" + Id) })
        {
            Assert.DoesNotContain("Something rude.", html);
            Assert.Contains("Something kind.", html);
            Assert.Contains("1 comment<", html);
        }
        var page = new HtmlParser().ParseDocument(await moderator.GetStringAsync("/papers/" + Id));
        var hidden = page.GetElementById($"c{rude}")!;
        Assert.Contains("comment-hidden", hidden.ClassName);
        Assert.Contains("Something rude.", hidden.TextContent);
        Assert.Contains("Show comment", hidden.TextContent);
        Assert.Contains("Hide comment", page.GetElementById($"c{kind}")!.TextContent);
        // The author cannot edit it back into view.
        using (var edit = await ada.PostAsync($"/comments/{rude}/edit", ("body", "Something nicer."))) Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 1);

        using var show = await Expect(HttpStatusCode.Redirect, moderator.PostAsync($"/admin/comments/{rude}/hide", ("hide", "false")));

        Assert.Contains("Something rude.", await site.GetStringAsync("/papers/" + Id));
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 2);
        Assert.Collection(await AuditAsync(site),
            e => Assert.Equal(("mod", AuditActions.HideComment, $"comment {rude} on {Id}", "rude"), (e.ActorName, e.Action, e.Target, e.Reason)),
            e => Assert.Equal(("mod", AuditActions.ShowComment, $"comment {rude} on {Id}"), (e.ActorName, e.Action, e.Target)));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BanAndUnban_TakeEffectOnTheNextRequest_AndAreAudited(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var troll = await CommentsMember.CreateAsync(site, "troll");
        await troll.CommentAsync(Id, "Allowed.");
        // A moderator reaches the moderation page from the member's profile; the member sees no such link.
        Assert.Contains("href=\"/admin/users/troll\"", await moderator.GetStringAsync("/users/troll"));
        Assert.DoesNotContain("/admin/users/", await troll.GetStringAsync("/users/troll"));

        using var noReason = await Expect(HttpStatusCode.BadRequest, moderator.PostAsync("/admin/users/troll?handler=ban", ("reason", " ")));
        Assert.Contains("Give a reason", await noReason.Content.ReadAsStringAsync(Ct));
        using var ban = await Expect(HttpStatusCode.Redirect, moderator.PostAsync("/admin/users/troll?handler=ban", ("reason", "spam links")));

        var banned = await UserAsync(site, "troll");
        Assert.NotNull(banned.BannedAt);
        Assert.Equal("spam links", banned.BanReason);
        using (var refused = await troll.PostCommentAsync(Id, "Refused.")) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var vote = await troll.PostAsync("/vote", ("paper", Id), ("up", "true"))) Assert.Equal(HttpStatusCode.Forbidden, vote.StatusCode);
        Assert.Contains("Allowed.", await troll.GetStringAsync("/papers/" + Id));
        var profile = await moderator.GetStringAsync("/admin/users/troll");
        Assert.Contains("Banned", profile);
        Assert.Contains("spam links", profile);
        Assert.Contains("Unban", profile);
        Assert.Contains("troll", await moderator.GetStringAsync("/admin"));

        using var unban = await Expect(HttpStatusCode.Redirect, moderator.PostAsync("/admin/users/troll?handler=unban", ("reason", "appealed")));

        Assert.Null((await UserAsync(site, "troll")).BannedAt);
        await troll.CommentAsync(Id, "Allowed again.");
        Assert.Collection(await AuditAsync(site),
            e => Assert.Equal((moderator.Id, AuditActions.BanUser, "troll", "spam links"), (e.ActorId, e.Action, e.Target, e.Reason)),
            e => Assert.Equal((moderator.Id, AuditActions.UnbanUser, "troll", "appealed"), (e.ActorId, e.Action, e.Target, e.Reason)));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task NonModerators_Get403_FromEveryModerationPage_AndChangeNothing(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        using var mallory = await CommentsMember.CreateAsync(site, "mallory");
        var comment = await ada.CommentAsync(Id, "Mine.");

        using (await Expect(HttpStatusCode.Forbidden, mallory.PostAsync("/admin/papers/hide", ("paper", Id), ("hide", "true")))) { }
        using (await Expect(HttpStatusCode.Forbidden, mallory.PostAsync($"/admin/comments/{comment}/hide", ("hide", "true")))) { }
        using (await Expect(HttpStatusCode.Forbidden, mallory.PostAsync("/admin/users/ada?handler=ban", ("reason", "revenge")))) { }
        using (await Expect(HttpStatusCode.Forbidden, mallory.PostAsync("/admin/users/mallory?handler=moderator", ("grant", "true")))) { }
        using (await Expect(HttpStatusCode.Forbidden, mallory.GetAsync("/admin"))) { }
        using (await Expect(HttpStatusCode.Forbidden, mallory.GetAsync("/admin/audit"))) { }
        using (await Expect(HttpStatusCode.Forbidden, mallory.GetAsync("/admin/users/ada"))) { }
        using var anonymous = await site.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/signin", anonymous.Headers.Location!.AbsolutePath);
        Assert.Contains(Id, await site.GetStringAsync("/papers/" + Id));
        Assert.Null((await UserAsync(site, "ada")).BannedAt);
        Assert.Empty(await AuditAsync(site));
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 1);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Admin_GrantsAndRevokesTheModeratorRole_WhichHoldsAtOnce(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var admin = await CommentsMember.CreateAsync(site, "boss", Roles.Admin);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var ada = await CommentsMember.CreateAsync(site, "ada");

        // Only administrators hand out the role.
        using (await Expect(HttpStatusCode.Forbidden, moderator.PostAsync("/admin/users/ada?handler=moderator", ("grant", "true")))) { }
        using (await Expect(HttpStatusCode.Redirect, admin.PostAsync("/admin/users/ada?handler=moderator", ("grant", "true"), ("reason", "trusted")))) { }

        // Ada's cookie predates the role: the pages read roles from the database.
        Assert.Contains("Audit log", await ada.GetStringAsync("/admin/audit"));
        Assert.Contains("Revoke moderator", await admin.GetStringAsync("/admin/users/ada"));

        using (await Expect(HttpStatusCode.Redirect, admin.PostAsync("/admin/users/ada?handler=moderator", ("grant", "false")))) { }

        using (await Expect(HttpStatusCode.Forbidden, ada.GetAsync("/admin/audit"))) { }
        Assert.Collection(await AuditAsync(site),
            e => Assert.Equal(("boss", AuditActions.GrantRole, "ada", "moderator: trusted"), (e.ActorName, e.Action, e.Target, e.Reason)),
            e => Assert.Equal(("boss", AuditActions.RevokeRole, "ada", "moderator"), (e.ActorName, e.Action, e.Target, e.Reason)));
    }

    [Fact]
    public async Task Bans_CannotReachAdministrators_Yourself_OrModeratorsUnlessByAnAdmin()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var admin = await CommentsMember.CreateAsync(site, "boss", Roles.Admin);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var other = await CommentsMember.CreateAsync(site, "mod2", Roles.Moderator);

        using (await Expect(HttpStatusCode.Forbidden, moderator.PostAsync("/admin/users/boss?handler=ban", ("reason", "coup")))) { }
        using (await Expect(HttpStatusCode.Forbidden, moderator.PostAsync("/admin/users/mod2?handler=ban", ("reason", "rivalry")))) { }
        using (await Expect(HttpStatusCode.BadRequest, moderator.PostAsync("/admin/users/mod?handler=ban", ("reason", "oops")))) { }
        using (await Expect(HttpStatusCode.NotFound, moderator.PostAsync("/admin/users/nobody?handler=ban", ("reason", "ghost")))) { }
        using (await Expect(HttpStatusCode.Redirect, admin.PostAsync("/admin/users/mod2?handler=ban", ("reason", "abuse")))) { }

        // A banned moderator moderates no more.
        using (await Expect(HttpStatusCode.Forbidden, other.PostAsync("/admin/papers/hide", ("paper", Id), ("hide", "true")))) { }
        Assert.Single(await AuditAsync(site));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AuditPage_ListsEntriesNewestFirst_InPages(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        for (var i = 0; i < AuditModel.PageSize / 2 + 1; i++)
        {
            using (await Expect(HttpStatusCode.Redirect, moderator.PostAsync("/admin/papers/hide", ("paper", Id), ("hide", "true"), ("reason", $"round {i}")))) { }
            using (await Expect(HttpStatusCode.Redirect, moderator.PostAsync("/admin/papers/hide", ("paper", Id), ("hide", "false")))) { }
            site.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        // Repeating an action that changes nothing logs nothing.
        using (await Expect(HttpStatusCode.Redirect, moderator.PostAsync("/admin/papers/hide", ("paper", Id), ("hide", "false")))) { }

        var first = new HtmlParser().ParseDocument(await moderator.GetStringAsync("/admin/audit"));
        var second = new HtmlParser().ParseDocument(await moderator.GetStringAsync("/admin/audit?p=1"));

        var rows = first.QuerySelectorAll("table.audit-log tbody tr");
        Assert.Equal(AuditModel.PageSize, rows.Length);
        Assert.Contains(AuditActions.ShowPaper, rows[0].TextContent);
        Assert.Contains(AuditActions.HidePaper, rows[1].TextContent);
        Assert.Contains($"round {AuditModel.PageSize / 2}", rows[1].TextContent);
        Assert.Equal("/papers/" + Id, rows[0].QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.Contains("mod", rows[0].TextContent);
        Assert.NotNull(first.QuerySelector("a[rel=next][href='/admin/audit?p=1']"));
        var rest = second.QuerySelectorAll("table.audit-log tbody tr");
        Assert.Equal(2, rest.Length);
        Assert.Contains("round 0", rest[^1].TextContent);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Equal(AuditModel.PageSize + 2, (await AuditAsync(site)).Count);
    }

    [Fact]
    public async Task ModerationWrites_WithoutTheAntiforgeryToken_Are400()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var ada = await CommentsMember.CreateAsync(site, "ada");

        using (await Expect(HttpStatusCode.BadRequest, moderator.PostWithoutTokenAsync("/admin/papers/hide", ("paper", Id), ("hide", "true")))) { }
        using (await Expect(HttpStatusCode.BadRequest, moderator.PostWithoutTokenAsync("/admin/users/ada?handler=ban", ("reason", "x")))) { }

        Assert.Empty(await AuditAsync(site));
        Assert.Null((await UserAsync(site, "ada")).BannedAt);
    }

    [Fact]
    public async Task AdminPage_FindsAMemberByName()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        await ada.CommentAsync(Id, "Ada's recent comment.");

        var admin = await moderator.GetStringAsync("/admin");
        var found = await moderator.GetStringAsync("/admin/users?name=ada");
        using var missing = await moderator.GetAsync("/admin/users?name=nobody");

        Assert.Contains("action=\"/admin/users\"", admin);
        Assert.Contains("href=\"/admin/audit\"", admin);
        Assert.Contains("<h1>ada</h1>", found);
        Assert.Contains("Ada&#x27;s recent comment.", found);
        Assert.Contains("action=\"/admin/users/ada?handler=ban\"", found);
        Assert.DoesNotContain("handler=moderator", found); // moderators do not hand out roles
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
