using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperboy.Import;
using Paperboy.Tests.Community.Submissions;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Community.Tokens.TokenKit;

namespace Paperboy.Tests.Community.Tokens;

/// <summary><c>POST /api/papers</c>: the submit page's rules and sentences, answered in JSON.</summary>
public class TokenSubmitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A paper stored (an import brought it) but on no feed yet, first published yesterday.</summary>
    private static PaperRecord Stored(string id, DateTime? publishedAt = null) => new()
    {
        ArxivId = id, Version = 1, Title = $"Stored paper {id}", Abstract = "An abstract.", Authors = ["Grace Hopper"],
        Categories = ["cs.PL"], PublishedAt = publishedAt ?? new DateTime(2025, 6, 3, 17, 0, 0, DateTimeKind.Utc),
    };

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_Is201WithTheHfPaper_AndPutsItOnTodaysFeedAsTheMembersUpvote(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        await site.SeedAsync(Stored("2506.00077"));
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "submitter", "submit");

        var answer = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"https://arxiv.org/abs/2506.00077v1\"}"));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("/api/papers/2506.00077", answer.Response.Headers.Location!.OriginalString);
        var paper = answer.Json!;
        Assert.Equal("2506.00077", (string)paper["id"]!);
        Assert.Equal("Stored paper 2506.00077", (string)paper["title"]!);
        Assert.Equal(1, (int)paper["upvotes"]!);
        Assert.Equal("ada", (string)paper["submittedOnDailyBy"]!["user"]!);
        Assert.Equal("2025-06-04T18:00:00.000Z", (string)paper["submittedOnDailyAt"]!);
        Assert.Equal("2025-06-04", (string)paper["paperboy"]!["day"]!);
        // The same object GET /api/papers/{id} answers.
        Assert.Equal(paper.ToJsonString(), (await PaperAsync(site, "2506.00077")).ToJsonString());
        var today = await site.GetStringAsync("/papers/date/2025-06-04");
        Assert.Contains("Stored paper 2506.00077", today);
        Assert.Contains("<a class=\"submitter\" href=\"/users/ada\">ada</a>", today);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_APaperOnTheFeedAlready_Is409WithALinkToIt(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "submitter", "submit");

        var answer = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"2506.00001\"}"));

        AssertProblem(HttpStatusCode.Conflict, "on the feed already", answer);
        Assert.Equal("/api/papers/2506.00001", (string)answer.Json!["paper"]!);
        Assert.Equal("2025-06-02", (string)answer.Json["day"]!);
        Assert.Equal(10, (int)(await PaperAsync(site, "2506.00001"))["upvotes"]!);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_TooOld_Is403_AndArxivDown_Is503(Engine engine)
    {
        // arXiv is at a closed port (CommunitySite's default): a paper not stored cannot be fetched.
        await using var site = await SiteAsync(engine);
        await site.SeedAsync(Stored("2501.00001", new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc)));
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "submitter", "submit");

        var old = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"2501.00001\"}"));
        var down = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"2506.00555\"}"));

        AssertProblem(HttpStatusCode.Forbidden, "members can submit papers up to 14 days old", old);
        AssertProblem(HttpStatusCode.ServiceUnavailable, "arXiv could not be reached", down);
        await using var db = site.Database.CreateContext();
        Assert.Equal(2, await db.DailyEntries.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_FetchesFromArxiv_AndAnIdArxivDoesNotKnowIs404(Engine engine)
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        await using var site = await SiteAsync(engine, arxiv.Url, "Paperboy:Submissions:MaxAgeDays=100000");
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "submitter", "submit");

        var found = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"2102.00018\"}"));
        var unknown = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, "{\"id\": \"2501.99999\"}"));

        Assert.Equal(HttpStatusCode.Created, found.Status);
        Assert.Equal("Self-consistent determination of proton and nuclear PDFs at the Electron Ion Collider", (string)found.Json!["title"]!);
        AssertProblem(HttpStatusCode.NotFound, "There is no such paper on arXiv: 2501.99999.", unknown);
        Assert.Equal(["2102.00018", "2501.99999"], arxiv.Asked);
    }

    [Theory]
    [InlineData("{\"id\": \"hello\"}", "That is not an arXiv id or link")]
    [InlineData("{\"id\": \"  \"}", "Give the paper's arXiv id or link as \"id\"")]
    [InlineData("{}", "Give the paper's arXiv id or link as \"id\"")]
    [InlineData("{\"id\": 2506.00077}", "at $.id")]
    [InlineData("{\"id\": ", "not the JSON this request takes")]
    [InlineData("[\"2506.00077\"]", "not the JSON this request takes")]
    [InlineData("null", "a JSON object, not null")]
    [InlineData("", "needs a JSON body")]
    public async Task Submit_BadBody_Is400WithASentence(string body, string message)
    {
        await using var site = await SiteAsync(Engine.Sqlite);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var secret = await CreateAsync(ada, "submitter", "submit");

        AssertProblem(HttpStatusCode.BadRequest, message, await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers", secret, body)));
    }
}
