using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Community.Tokens.TokenKit;

namespace Paperboy.Tests.Community.Tokens;

/// <summary><c>POST</c> and <c>GET /api/papers/{id}/comments</c>: the comment form's rules, in JSON.</summary>
public class TokenCommentTests
{
    private const string Comments = "/api/papers/2506.00001/comments";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Body(string markdown, long? parentId = null) =>
        new JsonObject { ["body"] = markdown, ["parentId"] = parentId }.ToJsonString();

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Comment_AndReply_Are201_AndShowInTheListThePageAndTheCount(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "commenter", "comment");

        var first = await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body("Nice *result*. <script>alert(1)</script>")));
        var firstId = (long)first.Json!["id"]!;
        var reply = await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body("Agreed with `myself`.", firstId)));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal($"/papers/2506.00001#c{firstId}", first.Response.Headers.Location!.OriginalString);
        Assert.Equal("ada", (string)first.Json["author"]!);
        Assert.Equal("Nice *result*. <script>alert(1)</script>", (string)first.Json["body"]!);
        Assert.Equal("<p>Nice <em>result</em>. &lt;script&gt;alert(1)&lt;/script&gt;</p>", (string)first.Json["html"]!);
        Assert.Null(first.Json["parentId"]);
        Assert.True(first.Json.AsObject().ContainsKey("parentId"));
        Assert.Equal("2025-06-04T18:00:00.000Z", (string)first.Json["createdAt"]!);
        Assert.False((bool)first.Json["removed"]!);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal(firstId, (long)reply.Json!["parentId"]!);

        // Read without any token, as anyone may.
        var thread = JsonNode.Parse(await site.GetStringAsync(Comments))!;
        Assert.Equal("2506.00001", (string)thread["paper"]!);
        Assert.Equal(2, (int)thread["numComments"]!);
        var list = thread["comments"]!.AsArray();
        Assert.Equal([firstId, (long)reply.Json["id"]!], list.Select(c => (long)c!["id"]!));
        Assert.Equal(first.Json.ToJsonString(), list[0]!.ToJsonString());
        Assert.Equal("<p>Agreed with <code>myself</code>.</p>", (string)list[1]!["html"]!);

        var page = await ada.GetStringAsync("/papers/2506.00001");
        Assert.Contains($"id=\"c{firstId}\"", page);
        Assert.Contains("<p>Agreed with <code>myself</code>.</p>", page);
        var daily = JsonNode.Parse(await site.GetStringAsync("/api/daily_papers?date=2025-06-02"))!.AsArray();
        // The seeded entry came with one comment from Hugging Face.
        Assert.Equal(3, (int)daily.Single(p => (string)p!["paper"]!["id"]! == "2506.00001")!["numComments"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task CommentList_ShowsARemovedParentOnlyAsAPlaceholder_AndNoHiddenComment(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "commenter", "comment");
        var parent = (long)(await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body("parent")))).Json!["id"]!;
        var child = (long)(await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body("child", parent)))).Json!["id"]!;
        var hidden = (long)(await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body("hidden one")))).Json!["id"]!;
        await using (var db = site.Database.CreateContext())
        {
            var at = new DateTime(2025, 6, 4, 19, 0, 0, DateTimeKind.Utc);
            await db.Comments.Where(c => c.Id == parent).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, at).SetProperty(c => c.Body, ""), Ct);
            await db.Comments.Where(c => c.Id == hidden).ExecuteUpdateAsync(s => s.SetProperty(c => c.HiddenAt, at), Ct);
        }

        var list = JsonNode.Parse(await site.GetStringAsync(Comments))!["comments"]!.AsArray();

        Assert.Equal([parent, child], list.Select(c => (long)c!["id"]!));
        Assert.True((bool)list[0]!["removed"]!);
        Assert.Null(list[0]!["author"]);
        Assert.Null(list[0]!["body"]);
        Assert.Equal("child", (string)list[1]!["body"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Comment_OnUnknownOrHiddenPaper_Is404_AndItsListToo(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        await FeedData.HideAsync(site, "2506.00002");
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "commenter", "comment");

        foreach (var (id, words) in new[] { ("2506.99999", "not on the feed"), ("2506.00002", "not on the feed"), ("nonsense", "No paper with id 'nonsense'") })
        {
            AssertProblem(HttpStatusCode.NotFound, words, await ReadAsync(CallAsync(site, HttpMethod.Post, $"/api/papers/{id}/comments", secret, Body("hi"))));
            AssertProblem(HttpStatusCode.NotFound, id, await ReadAsync(CallAsync(site, HttpMethod.Get, $"/api/papers/{id}/comments", null)));
        }
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Comments.CountAsync(Ct));
    }

    [Theory]
    [InlineData("{\"body\": \"   \"}", "cannot be empty")]
    [InlineData("{\"parentId\": null}", "cannot be empty")]
    [InlineData("{\"body\": \"hi\", \"parentId\": \"five\"}", "at $.parentId")]
    [InlineData("{\"body\": \"hi\", \"parentId\": 999999}", "not a comment on this paper")]
    [InlineData("{\"body\": ", "not the JSON this request takes")]
    [InlineData("\"hi\"", "not the JSON this request takes")]
    public async Task Comment_BadBody_Is400WithASentence(string body, string message)
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "commenter", "comment");

        AssertProblem(HttpStatusCode.BadRequest, message, await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, body)));
    }

    [Fact]
    public async Task Comment_TooLong_Is400_AndAHugeBodyIsRefusedUnread()
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "commenter", "comment");

        var tooLong = await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body(new string('a', 10_001))));
        var huge = await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body(new string('a', 1_000_000))));

        AssertProblem(HttpStatusCode.BadRequest, "at most 10,000 characters; this one has 10,001", tooLong);
        AssertProblem(HttpStatusCode.BadRequest, "larger than 128 KiB", huge);
        await using var db = site.Database.CreateContext();
        Assert.Equal(0, await db.Comments.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Comments_AreRateLimitedPerToken(Engine engine)
    {
        await using var site = await SiteAsync(engine, null, "Paperboy:RateLimits:Comments:Permits=1");
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "commenter", "comment");

        var first = await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body("one")));
        var second = await ReadAsync(CallAsync(site, HttpMethod.Post, Comments, secret, Body("two")));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.True(second.Response.Headers.Contains("Retry-After"));
        await using var db = site.Database.CreateContext();
        Assert.Equal(1, await db.Comments.CountAsync(Ct));
    }
}
