using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Trending;
using Paperboy.Import;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community.Submissions;

public class SubmitPaperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // TestSite.DefaultNow is the afternoon of 2025-06-04 in New York; the recorded arXiv papers are older, so
    // most tests let members submit papers of any age and one test checks the limit.
    private const string AnyAge = "--Paperboy:Submissions:MaxAgeDays=100000";
    private static readonly DateOnly Today = new(2025, 6, 4);

    private static Dictionary<string, string> Form(string paper) => new() { ["Paper"] = paper };

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_ById_FetchesFromArxiv_PutsItOnTodaysFeedWithSubmitterAndTheirUpvote(Engine engine)
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        await using var site = await CommunitySite.StartAsync(engine, arxiv.Url, settings: AnyAge);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, _, location) = await alice.PostAsync("/papers/submit", Form("2102.00018"));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/papers/2102.00018", location);
        Assert.Equal(["2102.00018"], arxiv.Asked);
        var feed = await MemberBrowser.Anonymous(site).GetStringAsync("/papers/date/2025-06-04");
        Assert.Contains(">Self-consistent determination of proton and nuclear PDFs at the Electron Ion Collider</a>", feed);
        Assert.Contains("<a class=\"submitter\" href=\"/users/alice\">alice</a>", feed);

        await using var db = site.Database.CreateContext();
        var paper = await db.Papers.SingleAsync(p => p.ArxivId == "2102.00018", Ct);
        Assert.Equal(2, paper.Version);
        Assert.True(paper.ChangeNumber > 0);
        var entry = await db.DailyEntries.SingleAsync(e => e.PaperId == paper.Id, Ct);
        var now = TestSite.DefaultNow.UtcDateTime;
        Assert.Equal(Today, entry.Day);
        Assert.Equal(now, DateTime.SpecifyKind(entry.SubmittedAt, DateTimeKind.Utc));
        Assert.Equal("alice", entry.SubmittedBy);
        Assert.Equal(await alice.IdAsync(), entry.SubmitterId);
        // The submission is the submitter's first upvote, as on Hugging Face.
        Assert.Equal(1, entry.LocalUpvotes);
        Assert.True(await db.Votes.AnyAsync(v => v.PaperId == paper.Id && v.UserId == entry.SubmitterId, Ct));
        Assert.Equal(TrendingScore.Compute(1, 0, now), entry.Trending);
    }

    private static async Task<string?> TitleOf(TestSite site, string id)
    {
        await using var db = site.Database.CreateContext();
        return await db.Papers.Where(p => p.ArxivId == id).Select(p => p.Title).FirstOrDefaultAsync(Ct);
    }

    [Theory]
    [InlineData("https://arxiv.org/abs/1606.02159", "1606.02159")]
    [InlineData("https://arxiv.org/pdf/1610.08734v3.pdf", "1610.08734")]
    [InlineData("arxiv.org/pdf/1610.08734v2", "1610.08734")]
    [InlineData("arXiv:1309.4668v1", "1309.4668")]
    [InlineData(" https://huggingface.co/papers/1401.3666 ", "1401.3666")]
    [InlineData("https://arxiv.org/abs/nucl-th/9910021v3", "nucl-th/9910021")]
    public async Task Submit_LinksAndSpellings_AllFindThePaper(string input, string id)
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite, arxiv.Url, settings: AnyAge);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, _, location) = await alice.PostAsync("/papers/submit", Form(input));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/papers/" + id, location);
        Assert.Equal([id], arxiv.Asked);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_OldStyleId_IsStoredAndShownUnderItsSlashedAddress(Engine engine)
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        await using var site = await CommunitySite.StartAsync(engine, arxiv.Url, settings: AnyAge);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, _, location) = await alice.PostAsync("/papers/submit", Form("nucl-ex/0408020"));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/papers/nucl-ex/0408020", location);
        var page = await alice.GetStringAsync("/papers/nucl-ex/0408020");
        Assert.Contains("Two-photon exchange and elastic scattering", page);
        Assert.Contains("On the daily feed of <a href=\"/papers/date/2025-06-04\">", page);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("2103.1")]
    [InlineData("https://example.com/abs/2103.14749")]
    [InlineData("   ")]
    public async Task Submit_InvalidInput_Is400WithAMessage(string input)
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite, arxiv.Url);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, body, _) = await alice.PostAsync("/papers/submit", Form(input));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(string.IsNullOrWhiteSpace(input) ? "Paste an arXiv id or a link" : "That is not an arXiv id or link", body);
        Assert.Empty(arxiv.Asked);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_PaperAlreadyOnFeed_IsNotDuplicated_AndLinksToItsEntry(Engine engine)
    {
        await using var site = await CommunitySite.StartAsync(engine, settings: AnyAge);
        await site.SeedAsync(TestSite.Paper("2506.00001", new DateOnly(2025, 6, 2), 7, "Seen before"));
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, body, _) = await alice.PostAsync("/papers/submit", Form("https://arxiv.org/abs/2506.00001v1"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("This paper is on the feed already.", body);
        Assert.Contains("<a href=\"/papers/2506.00001\">See its entry</a>", body);
        Assert.Contains("<a href=\"/papers/date/2025-06-02\">Jun 2, 2025</a>", body);
        await using var db = site.Database.CreateContext();
        var entry = await db.DailyEntries.SingleAsync(Ct);
        Assert.Equal(("ada", (long?)null, 0), (entry.SubmittedBy, entry.SubmitterId, entry.LocalUpvotes));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_StoredPaperNotOnFeed_UsesTheStoredCopy_WithoutAskingArxiv(Engine engine)
    {
        // arXiv is a closed port here: asking it would fail the submission.
        await using var site = await CommunitySite.StartAsync(engine);
        await site.SeedAsync(TestSite.Paper("2506.00002", Today, 0, "Stored already") with { Daily = null, PublishedAt = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc) });
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, _, location) = await alice.PostAsync("/papers/submit", Form("2506.00002"));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/papers/2506.00002", location);
        var feed = await MemberBrowser.Anonymous(site).GetStringAsync("/papers/date/2025-06-04");
        Assert.Contains("Stored already", feed);
        Assert.Contains("href=\"/users/alice\"", feed);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_PaperOlderThanMaxAge_IsRefusedForAMember_AndAllowedForAnAdmin(Engine engine)
    {
        await using var site = await CommunitySite.StartAsync(engine, settings: "--Paperboy:Submissions:MaxAgeDays=14");
        var published = new DateTime(2025, 5, 20, 14, 0, 0, DateTimeKind.Utc); // 15 days before 2025-06-04 in New York
        await site.SeedAsync(
            TestSite.Paper("2505.00001", Today, 0, "Fifteen days old") with { Daily = null, PublishedAt = published },
            TestSite.Paper("2505.00002", Today, 0, "Fourteen days old") with { Daily = null, PublishedAt = published.AddDays(1) });
        var member = await MemberBrowser.SignUpAsync(site, "member");
        var admin = await MemberBrowser.SignUpAsync(site, "admin");
        await admin.MakeAdminAsync();

        var refused = await member.PostAsync("/papers/submit", Form("2505.00001"));
        var young = await member.PostAsync("/papers/submit", Form("2505.00002"));
        var byAdmin = await admin.PostAsync("/papers/submit", Form("2505.00001"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("This paper was first published 15 days ago; members can submit papers up to 14 days old.", refused.Body);
        Assert.Equal(HttpStatusCode.Redirect, young.Status);
        Assert.Equal(HttpStatusCode.Redirect, byAdmin.Status);
        await using var db = site.Database.CreateContext();
        Assert.Equal("admin", await db.DailyEntries.Where(e => e.Paper.ArxivId == "2505.00001").Select(e => e.SubmittedBy).SingleAsync(Ct));
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("timeout")]
    [InlineData("not xml")]
    public async Task Submit_ArxivCannotBeReached_SaysSoOnTheForm(string failure)
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        if (failure == "timeout") arxiv.Hang = true;
        if (int.TryParse(failure, out var code)) arxiv.Status = code;
        if (failure == "not xml") arxiv.Status = 200; // an empty 200 answer is not an Atom feed
        var url = failure == "refused" ? ClosedPort.Url() : arxiv.Url;
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite, url, settings: [AnyAge, "--Paperboy:Arxiv:TimeoutSeconds=1"]);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, body, _) = await alice.PostAsync("/papers/submit", Form("2102.00018"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("arXiv could not be reached, try again later.", body);
        Assert.Contains("<form method=\"post\">", body);
        Assert.Contains("value=\"2102.00018\"", body);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task Submit_IdArxivDoesNotKnow_SaysNoSuchPaper(int status)
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        if (status != 200) arxiv.Status = status;
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite, arxiv.Url, settings: AnyAge);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        // The server answers ids it does not have with arXiv's recorded empty feed.
        var (code, body, _) = await alice.PostAsync("/papers/submit", Form("2101.99999"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Contains("There is no such paper on arXiv: 2101.99999.", body);
        await using var db = site.Database.CreateContext();
        Assert.False(await db.Papers.AnyAsync(Ct));
    }

    [Fact]
    public async Task Submit_ArxivAnswerWithOtherIds_FindsTheOneAskedFor()
    {
        await using var arxiv = await ArxivApiServer.StartAsync();
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite, arxiv.Url, settings: AnyAge);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, _, _) = await alice.PostAsync("/papers/submit", Form("2201.13452"));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("Asymptotic Analysis", await TitleOf(site, "2201.13452"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Submit_ByBannedMember_Is403(Engine engine)
    {
        await using var site = await CommunitySite.StartAsync(engine, settings: AnyAge);
        await site.SeedAsync(TestSite.Paper("2506.00002", Today, 0) with { Daily = null });
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        await alice.BanAsync();

        var (status, body, _) = await alice.PostAsync("/papers/submit", Form("2506.00002"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Your account is banned", body);
        await using var db = site.Database.CreateContext();
        Assert.False(await db.DailyEntries.AnyAsync(Ct));
    }

    [Fact]
    public async Task Submit_WithoutAntiforgeryToken_Is400_AndStoresNothing()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite, settings: AnyAge);
        await site.SeedAsync(TestSite.Paper("2506.00002", Today, 0) with { Daily = null });
        var alice = await MemberBrowser.SignUpAsync(site, "alice");

        var (status, _, _) = await alice.PostAsync("/papers/submit", Form("2506.00002"), token: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        await using var db = site.Database.CreateContext();
        Assert.False(await db.DailyEntries.AnyAsync(Ct));
    }

    [Fact]
    public async Task Submit_OverTheRateLimit_Is429_ButShowingTheFormIsNotCounted()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite,
            settings: ["--Paperboy:RateLimits:Submissions:Permits=2", "--Paperboy:RateLimits:Submissions:WindowSeconds=3600"]);
        var alice = await MemberBrowser.SignUpAsync(site, "alice");
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/papers/submit")).StatusCode);

        var first = await alice.PostAsync("/papers/submit", Form("not an id"));
        var second = await alice.PostAsync("/papers/submit", Form("not an id"));
        var third = await alice.PostAsync("/papers/submit", Form("not an id"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, (HttpStatusCode)429], [first.Status, second.Status, third.Status]);
        Assert.Contains("Too many requests", third.Body);
    }

    [Fact]
    public async Task Submit_Anonymous_IsSentToSignIn()
    {
        await using var site = await CommunitySite.StartAsync(Engine.Sqlite);

        using var response = await MemberBrowser.Anonymous(site).GetAsync("/papers/submit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.OriginalString);
    }
}
