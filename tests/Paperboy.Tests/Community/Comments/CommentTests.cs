using System.Net;
using AngleSharp.Html.Parser;
using Paperboy.Community.Accounts;
using Paperboy.Community.Comments;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Comments;

public class CommentTests
{
    private const string Id = "2506.00001";
    private const string Other = "2506.00002";
    private static readonly DateOnly Day = new(2025, 6, 2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestSite> SiteAsync(Engine engine)
    {
        var site = await TestSite.StartAsync(engine, settings: CommentsMember.NoRateLimits);
        await site.SeedAsync(TestSite.Paper(Id, Day, 5), TestSite.Paper(Other, Day, 3));
        return site;
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PostAndReply_ShowOnThePaperPage_NestedWithAuthorAndTime(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        using var alan = await CommentsMember.CreateAsync(site, "alan");

        var first = await ada.CommentAsync(Id, "The *second* lemma is neat.");
        site.Clock.Advance(TimeSpan.FromHours(2));
        var reply = await alan.CommentAsync(Id, "Agreed, but see section 4.", first);

        var html = await site.GetStringAsync("/papers/" + Id);
        var page = new HtmlParser().ParseDocument(html);
        var top = page.GetElementById($"c{first}")!;
        var under = page.GetElementById($"c{reply}")!;
        Assert.Contains("depth-0", top.ClassName);
        Assert.Contains("depth-1", under.ClassName);
        Assert.True(top.CompareDocumentPosition(under).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.Equal("The <em>second</em> lemma is neat.", top.QuerySelector(".comment-body p")!.InnerHtml);
        Assert.Equal("/users/ada", top.QuerySelector("a.comment-author")!.GetAttribute("href"));
        var time = top.QuerySelector("time")!;
        Assert.Equal("2025-06-04T18:00:00Z", time.GetAttribute("datetime"));
        Assert.Equal("2 hours ago", time.TextContent);
        Assert.Equal("just now", under.QuerySelector("time")!.TextContent);
        Assert.Contains("2 comments", page.GetElementById("comments-title")!.TextContent);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 2);
        var stored = await CommentsData.CommentAsync(site, reply);
        Assert.Equal(first, stored.ParentId);
        Assert.Equal(alan.Id, stored.UserId);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Anonymous_SeesCommentsAndASignInLink_ButNoForm(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        await ada.CommentAsync(Id, "Visible to all.");

        var html = await site.GetStringAsync("/papers/" + Id);

        Assert.Contains("Visible to all.", html);
        Assert.Contains("href=\"/account/signin?returnUrl=%2Fpapers%2F2506.00001%23comments\">Sign in to comment</a>", html);
        Assert.DoesNotContain("action=\"/comments\"", html);
        var mine = await ada.GetStringAsync("/papers/" + Id);
        Assert.Contains("action=\"/comments\"", mine);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Edit_OwnComment_ReRendersAndShowsEdited(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        var id = await ada.CommentAsync(Id, "First draft.");
        site.Clock.Advance(TimeSpan.FromMinutes(5));

        using var edited = await ada.PostAsync($"/comments/{id}/edit", ("body", "Second **draft**."));

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal($"/papers/{Id}#c{id}", edited.Headers.Location!.OriginalString);
        var stored = await CommentsData.CommentAsync(site, id);
        Assert.Equal("Second **draft**.", stored.Body);
        Assert.Equal("<p>Second <strong>draft</strong>.</p>", stored.Html);
        Assert.Equal(site.Clock.GetUtcNow().UtcDateTime, stored.EditedAt!.Value, TimeSpan.FromSeconds(1));
        var html = await site.GetStringAsync("/papers/" + Id);
        Assert.Contains("<strong>draft</strong>", html);
        Assert.DoesNotContain("First draft.", html);
        Assert.Contains("class=\"comment-edited\"", html);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 1);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Delete_OwnComment_KeepsTheRowForItsReplies_AndShowsDeleted(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        using var alan = await CommentsMember.CreateAsync(site, "alan");
        var first = await ada.CommentAsync(Id, "Soon gone.");
        var reply = await alan.CommentAsync(Id, "A reply that stays.", first);
        var leaf = await ada.CommentAsync(Id, "Also gone, without replies.");

        using var deleted = await ada.PostAsync($"/comments/{first}/delete");
        using var deletedLeaf = await ada.PostAsync($"/comments/{leaf}/delete");
        using var again = await ada.PostAsync($"/comments/{first}/delete");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var stored = await CommentsData.CommentAsync(site, first);
        Assert.NotNull(stored.DeletedAt);
        Assert.Equal("", stored.Body);
        Assert.Equal("", stored.Html);
        var html = await site.GetStringAsync("/papers/" + Id);
        Assert.DoesNotContain("Soon gone.", html);
        Assert.DoesNotContain("Also gone", html);
        Assert.Contains("[deleted]", html);
        Assert.Contains("A reply that stays.", html);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Null(page.GetElementById($"c{leaf}"));
        Assert.Contains("depth-1", page.GetElementById($"c{reply}")!.ClassName);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 1);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task EditOrDelete_AnotherMembersComment_Is403_AndChangesNothing(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        using var mallory = await CommentsMember.CreateAsync(site, "mallory");
        var id = await ada.CommentAsync(Id, "Ada's words.");

        using var edit = await mallory.PostAsync($"/comments/{id}/edit", ("body", "Mallory's words."));
        using var delete = await mallory.PostAsync($"/comments/{id}/delete");

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("You can only edit your own comments.", await ReadAsync(edit));
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Contains("You can only delete your own comments.", await ReadAsync(delete));
        var stored = await CommentsData.CommentAsync(site, id);
        Assert.Equal("Ada's words.", stored.Body);
        Assert.Null(stored.DeletedAt);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 1);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BannedMember_CannotComment_Edit_OrDelete_403(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        using var troll = await CommentsMember.CreateAsync(site, "troll");
        var id = await troll.CommentAsync(Id, "Before the ban.");

        using var ban = await moderator.PostAsync("/admin/users/troll?handler=ban", ("reason", "spam"));
        Assert.Equal(HttpStatusCode.Redirect, ban.StatusCode);
        using var post = await troll.PostCommentAsync(Id, "After the ban.");
        using var edit = await troll.PostAsync($"/comments/{id}/edit", ("body", "Changed after the ban."));
        using var delete = await troll.PostAsync($"/comments/{id}/delete");

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("Your account is banned", await ReadAsync(post));
        Assert.Contains("Reason given: spam", await ReadAsync(post));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("Before the ban.", (await CommentsData.CommentAsync(site, id)).Body);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 1);
        // They still read, and the page says why there is no form.
        var html = await troll.GetStringAsync("/papers/" + Id);
        Assert.Contains("Your account is banned", html);
        Assert.DoesNotContain("action=\"/comments\"", html);
    }

    [Fact]
    public async Task WritesWithoutTheAntiforgeryToken_Are400()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        var id = await ada.CommentAsync(Id, "Kept.");

        using var post = await ada.PostWithoutTokenAsync("/comments", ("paper", Id), ("body", "Forged."));
        using var edit = await ada.PostWithoutTokenAsync($"/comments/{id}/edit", ("body", "Forged."));
        using var delete = await ada.PostWithoutTokenAsync($"/comments/{id}/delete");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal("Kept.", (await CommentsData.CommentAsync(site, id)).Body);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 1);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task EmptyOrOverLong_Is400WithAMessage_AndKeepsTheText(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        var id = await ada.CommentAsync(Id, "Fine.");
        var tooLong = new string('x', CommentRules.MaxLength + 1);

        using var empty = await ada.PostCommentAsync(Id, "  \r\n ");
        using var longPost = await ada.PostCommentAsync(Id, tooLong);
        using var longEdit = await ada.PostAsync($"/comments/{id}/edit", ("body", tooLong));
        using var emptyEdit = await ada.PostAsync($"/comments/{id}/edit", ("body", ""));
        // Exactly the limit, with browser line ends that count once each.
        using var atLimit = await ada.PostCommentAsync(Id, new string('y', CommentRules.MaxLength - 2) + "\r\nz");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("A comment cannot be empty", await ReadAsync(empty));
        Assert.Equal(HttpStatusCode.BadRequest, longPost.StatusCode);
        var longHtml = await ReadAsync(longPost);
        Assert.Contains("A comment has at most 10,000 characters; this one has 10,001.", longHtml);
        Assert.Contains(tooLong, longHtml);
        Assert.Equal(HttpStatusCode.BadRequest, longEdit.StatusCode);
        Assert.Contains("at most 10,000 characters", await ReadAsync(longEdit));
        Assert.Equal(HttpStatusCode.BadRequest, emptyEdit.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, atLimit.StatusCode);
        Assert.Equal("Fine.", (await CommentsData.CommentAsync(site, id)).Body);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 2);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Reply_ToACommentOfAnotherPaper_OrAMissingOne_Is400(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        var elsewhere = await ada.CommentAsync(Other, "On the other paper.");

        using var crossed = await ada.PostCommentAsync(Id, "Reply across papers.", elsewhere);
        using var missing = await ada.PostCommentAsync(Id, "Reply to nothing.", 999_999);
        using var garbage = await ada.PostAsync("/comments", ("paper", Id), ("body", "Reply to a word."), ("parent", "first"));

        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        Assert.Contains("not a comment on this paper", await ReadAsync(crossed));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 0);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperNotOnTheFeed_HasNoComments_AndRefusesThem(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        await site.SeedAsync(new Paperboy.Import.PaperRecord { ArxivId = "2506.00009", Title = "Off the feed", Abstract = "Quiet." });
        using var ada = await CommentsMember.CreateAsync(site, "ada");

        var html = await ada.GetStringAsync("/papers/2506.00009");
        using var post = await ada.PostCommentAsync("2506.00009", "Hello?");
        using var bad = await ada.PostCommentAsync("not-an-id", "Hello?");

        Assert.DoesNotContain("id=\"comments\"", html);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("not on the feed", await ReadAsync(post));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Counts_EqualTheVisibleRows_AfterPostsDeletesAndHides(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        using var alan = await CommentsMember.CreateAsync(site, "alan");
        using var moderator = await CommentsMember.CreateAsync(site, "mod", Roles.Moderator);
        var a = await ada.CommentAsync(Id, "a");
        var b = await alan.CommentAsync(Id, "b", a);
        var c = await ada.CommentAsync(Id, "c");
        var d = await alan.CommentAsync(Id, "d", c);
        var e = await ada.CommentAsync(Id, "e", d);
        await alan.CommentAsync(Other, "elsewhere");
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 5);

        async Task Hide(long id, bool hide)
        {
            using var r = await moderator.PostAsync($"/admin/comments/{id}/hide", ("hide", hide ? "true" : "false"));
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        async Task Delete(CommentsMember who, long id)
        {
            using var r = await who.PostAsync($"/comments/{id}/delete");
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        await Delete(ada, a);             // 4
        await Hide(b, true);              // 3
        await Hide(b, true);              // still 3: hiding twice counts once
        await Hide(c, true);              // 2
        await Delete(ada, c);             // deleting a hidden comment: still 2
        await Hide(c, false);             // shown again but deleted: still 2
        await Delete(ada, c);             // again: nothing
        await Hide(b, false);             // 3
        await Delete(alan, d);            // 2
        await Hide(e, true);              // 1
        await Hide(e, false);             // 2
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, 2);
        await CommentsData.AssertCountsMatchRowsAsync(site, Other, 1);

        var html = await site.GetStringAsync("/papers/" + Id);
        Assert.Contains("2 comments", html);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Markdown_IsRenderedAndStored_LinksGetNofollow(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");

        var id = await ada.CommentAsync(Id, "This is *important*: see [the code](https://example.org/code).");

        var stored = await CommentsData.CommentAsync(site, id);
        Assert.Equal("<p>This is <em>important</em>: see <a href=\"https://example.org/code\" rel=\"nofollow noopener ugc\">the code</a>.</p>", stored.Html);
        var html = await site.GetStringAsync("/papers/" + Id);
        Assert.Contains(stored.Html, html);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task XssPayloads_PostedAsComments_ComeBackWithoutExecutableMarkup(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var mallory = await CommentsMember.CreateAsync(site, "mallory");
        var ids = new List<long>();
        foreach (var payload in XssPayloads.All) ids.Add(await mallory.CommentAsync(Id, payload));
        // Replies and edits go through the same renderer; one of each for good measure.
        ids.Add(await mallory.CommentAsync(Id, XssPayloads.All[0], ids[0]));
        using (var edit = await mallory.PostAsync($"/comments/{ids[1]}/edit", ("body", XssPayloads.All[^1])))
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        // The author's own page also holds each text in an edit box; anonymous readers get only the HTML.
        foreach (var html in new[] { await site.GetStringAsync("/papers/" + Id), await mallory.GetStringAsync("/papers/" + Id) })
        {
            var page = SafeHtml.AssertPageInert(html);
            foreach (var id in ids)
            {
                var body = page.GetElementById($"c{id}")?.QuerySelector(".comment-body");
                Assert.NotNull(body);
                SafeHtml.AssertFragmentInert(body, CommentMarkdown.AllowedTags);
            }
        }
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, XssPayloads.All.Count + 1);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DeepReplies_NestUpToMaxDepth_ThenStayAtIt(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        var ids = new List<long> { await ada.CommentAsync(Id, "level 0") };
        for (var i = 1; i <= CommentRules.MaxDepth + 2; i++) ids.Add(await ada.CommentAsync(Id, $"level {i}", ids[^1]));

        var page = new HtmlParser().ParseDocument(await site.GetStringAsync("/papers/" + Id));

        for (var i = 0; i < ids.Count; i++)
            Assert.Contains($"depth-{Math.Min(i, CommentRules.MaxDepth)}", page.GetElementById($"c{ids[i]}")!.ClassName);
    }

    [Fact]
    public async Task Comments_AreRateLimited_PerMember()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        await site.SeedAsync(TestSite.Paper(Id, Day, 5));
        using var ada = await CommentsMember.CreateAsync(site, "ada");
        var limit = new Paperboy.Web.RateLimitOptions().Comments.Permits;

        for (var i = 0; i < limit; i++) await ada.CommentAsync(Id, $"comment {i}");
        using var refused = await ada.PostCommentAsync(Id, "one too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        await CommentsData.AssertCountsMatchRowsAsync(site, Id, limit);
    }
}
