using System.Net;
using Paperboy.Recommendations;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Community.Tokens.TokenKit;
using static Paperboy.Tests.Recommendations.InterestsKit;

namespace Paperboy.Tests.Recommendations;

/// <summary>"Not interested" on a paper, from its card, from its page and through the API.</summary>
public class NotInterestedTests
{
    private const string Api = "/api/papers/2506.00001/not-interested";

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Member_MarksAPaperFromItsCard_SeesUndo_AndUndoes(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");

        var before = FeedData.Cards(await ada.GetStringAsync(DayUrl)).Single(c => c.Id == "2506.00001").Html;
        var form = Form(before, "/not-interested", "paper", "2506.00001");
        Assert.Equal("false", form["undo"]);
        using (var marked = await SubmitAsync(ada, "/not-interested", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
            Assert.Equal(DayUrl, marked.Headers.Location!.OriginalString);
        }
        Assert.Equal([("2506.00001", PaperMarkKind.NotInterested)], await MarksAsync(site, "ada"));
        // The paper stays on the list; its card offers to take the mark back.
        var after = FeedData.Cards(await ada.GetStringAsync(DayUrl)).Single(c => c.Id == "2506.00001").Html;
        var undo = Form(after, "/not-interested", "paper", "2506.00001");
        Assert.Equal("true", undo["undo"]);
        Assert.Contains(">Undo</button>", after);

        using (var undone = await SubmitAsync(ada, "/not-interested", undo))
            Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Empty(await MarksAsync(site, "ada"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MarkingFromThePaperPage_ReplacesAnExampleMark_AndTakesThePaperOutOfThePositives(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var welcome = await ada.GetStringAsync("/welcome");
        using (var picked = await ada.PostFormAsync("/welcome", "/welcome", [new("papers", "2506.00002")]))
            Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.Equal([("2506.00002", PaperMarkKind.Example)], await MarksAsync(site, "ada"));
        Assert.Contains("2506.00002", welcome);

        var page = await ada.GetStringAsync("/papers/2506.00002");
        using (var marked = await SubmitAsync(ada, "/not-interested", Form(page, "/not-interested", "paper", "2506.00002")))
            Assert.Equal("/papers/2506.00002", marked.Headers.Location!.OriginalString);

        Assert.Equal([("2506.00002", PaperMarkKind.NotInterested)], await MarksAsync(site, "ada"));
        var signals = await SignalsAsync(site, "ada");
        Assert.Empty(signals.Positives);
        Assert.Single(signals.NotInterested);
        Assert.Contains(">Undo</button>", await ada.GetStringAsync("/papers/2506.00002"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task WithoutAFormToken_Is400_Anonymous_IsSentToSignIn_AndNeitherMarks(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        using var anonymous = new WebSession(site);
        var fields = new Dictionary<string, string> { ["paper"] = "2506.00001", ["undo"] = "false", ["returnUrl"] = DayUrl };

        using var forged = await ada.PostWithoutTokenAsync("/not-interested", fields);
        using var stranger = await anonymous.PostWithoutTokenAsync("/not-interested", fields);
        var anonymousPage = await anonymous.GetStringAsync(DayUrl);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("http://localhost/account/signin", stranger.Headers.Location!.ToString());
        Assert.DoesNotContain("/not-interested", anonymousPage);
        Assert.Empty(await MarksAsync(site, "ada"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task UnknownOrHiddenPaper_Is404_AMalformedId400_AndAForeignReturnUrlIsNotFollowed(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        await FeedData.HideAsync(site, "2506.00002");
        using var ada = await WebSession.MemberAsync(site, "ada");
        var form = Form(FeedData.Cards(await ada.GetStringAsync(DayUrl)).Single(c => c.Id == "2506.00001").Html,
            "/not-interested", "paper", "2506.00001");

        using var unknown = await SubmitAsync(ada, "/not-interested", new(form) { ["paper"] = "2506.99999" });
        using var hidden = await SubmitAsync(ada, "/not-interested", new(form) { ["paper"] = "2506.00002" });
        using var malformed = await SubmitAsync(ada, "/not-interested", new(form) { ["paper"] = "<script>" });
        using var elsewhere = await SubmitAsync(ada, "/not-interested", new(form) { ["returnUrl"] = "https://evil.example/" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("not on this site", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not an arXiv id", await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain("<script>", await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/papers/2506.00001", elsewhere.Headers.Location!.OriginalString);
        Assert.Equal([("2506.00001", PaperMarkKind.NotInterested)], await MarksAsync(site, "ada"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Api_MarksAndUndoes_WithAVoteToken_AndRefusesCookiesOtherScopesAndUnknownPapers(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var voter = await CreateAsync(ada, "voter", "vote");
        var reader = await CreateAsync(ada, "reader", "feed");

        var mark = await ReadAsync(CallAsync(site, HttpMethod.Post, Api, voter));
        var again = await ReadAsync(CallAsync(site, HttpMethod.Post, Api, voter));
        var marks = await MarksAsync(site, "ada");
        var undo = await ReadAsync(CallAsync(site, HttpMethod.Delete, Api, voter));
        var cookie = await ReadAsync(CallAsync(ada.Client, HttpMethod.Post, Api, null));
        var lacking = await ReadAsync(CallAsync(site, HttpMethod.Post, Api, reader));
        var unknown = await ReadAsync(CallAsync(site, HttpMethod.Post, "/api/papers/2506.99999/not-interested", voter));

        Assert.Equal(HttpStatusCode.OK, mark.Status);
        Assert.Equal("2506.00001", (string)mark.Json!["paper"]!);
        Assert.True((bool)mark.Json["notInterested"]!);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal([("2506.00001", PaperMarkKind.NotInterested)], marks);
        Assert.False((bool)undo.Json!["notInterested"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.Status);
        AssertProblem(HttpStatusCode.Forbidden, "'vote' scope", lacking);
        AssertProblem(HttpStatusCode.NotFound, "2506.99999", unknown);
        Assert.Empty(await MarksAsync(site, "ada"));
    }
}
