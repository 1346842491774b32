using System.Net;
using Paperboy.Recommendations;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Community.Tokens.TokenKit;
using static Paperboy.Tests.Recommendations.InterestsKit;

namespace Paperboy.Tests.Recommendations;

/// <summary>Following authors and categories from the interests page, a paper's page and the API.</summary>
public class FollowTests
{
    private const string Interests = "/account/interests";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task InterestsPage_FollowsAnAuthorOnce_IgnoringCaseAndAccents_AndUnfollows(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");

        var page = await ada.GetStringAsync(Interests);
        var author = Form(page, "/follows", "kind", "author");
        using (var followed = await SubmitAsync(ada, "/follows", author, ("value", "  José   García ")))
        {
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
            Assert.Equal(Interests, followed.Headers.Location!.OriginalString);
        }
        using (var again = await SubmitAsync(ada, "/follows", author, ("value", "JOSE GARCIA")))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var listed = await ada.GetStringAsync(Interests);

        Assert.Equal([(FollowKind.Author, "José García", "jose garcia")], await FollowsAsync(site, "ada"));
        Assert.Contains(">José García</a>", listed);
        Assert.Equal(["José García"], (await SignalsAsync(site, "ada")).Authors);

        using (var unfollowed = await SubmitAsync(ada, "/follows", Form(listed, "/follows", "unfollow", "true")))
            Assert.Equal(HttpStatusCode.Redirect, unfollowed.StatusCode);
        Assert.Empty(await FollowsAsync(site, "ada"));
        Assert.Contains("You follow no authors yet", await ada.GetStringAsync(Interests));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Categories_AreStoredInArxivSpelling_AndBadInputIs400WithASentence(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var page = await ada.GetStringAsync(Interests);
        var category = Form(page, "/follows", "kind", "category");
        var author = Form(page, "/follows", "kind", "author");

        using (var followed = await SubmitAsync(ada, "/follows", category, ("value", "CS.cl")))
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        using var badCategory = await SubmitAsync(ada, "/follows", category, ("value", "cs.CL; DROP TABLE"));
        using var emptyAuthor = await SubmitAsync(ada, "/follows", author, ("value", "   "));
        using var longAuthor = await SubmitAsync(ada, "/follows", author, ("value", new string('a', 201)));
        using var badKind = await SubmitAsync(ada, "/follows", new(author) { ["kind"] = "planet" }, ("value", "Mars"));
        using var forged = await ada.PostWithoutTokenAsync("/follows", [new("kind", "author"), new("value", "Mallory")]);

        Assert.Equal([(FollowKind.Category, "cs.CL", "cs.cl")], await FollowsAsync(site, "ada"));
        Assert.Contains("Computation and Language", await ada.GetStringAsync(Interests));
        await AssertRefusedAsync(badCategory, HttpStatusCode.BadRequest, "is not an arXiv category");
        await AssertRefusedAsync(emptyAuthor, HttpStatusCode.BadRequest, "Give an author&#x27;s name");
        await AssertRefusedAsync(longAuthor, HttpStatusCode.BadRequest, "at most 200 characters");
        await AssertRefusedAsync(badKind, HttpStatusCode.BadRequest, "kind is");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single(await FollowsAsync(site, "ada"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PaperPage_OffersItsAuthorsAndCategories_AndShowsWhatIsFollowed(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        using var anonymous = new WebSession(site);

        var page = await ada.GetStringAsync("/papers/2506.00001");
        Assert.Contains("<option value=\"author:Ada Lovelace\">Ada Lovelace</option>", page);
        Assert.Contains("<option value=\"category:stat.ML\">stat.ML</option>", page);
        var picker = Forms(page, "/follows").Single();
        using (var followed = await SubmitAsync(ada, "/follows", picker, ("target", "author:Alan Turing")))
            Assert.Equal("/papers/2506.00001", followed.Headers.Location!.OriginalString);
        using (var category = await SubmitAsync(ada, "/follows", picker, ("target", "category:cs.LG")))
            Assert.Equal(HttpStatusCode.Redirect, category.StatusCode);

        var after = await ada.GetStringAsync("/papers/2506.00001");
        Assert.DoesNotContain("<option value=\"author:Alan Turing\">", after);
        var unfollow = Form(after, "/follows", "target", "author:Alan Turing");
        Assert.Equal("true", unfollow["unfollow"]);
        Assert.Equal([(FollowKind.Author, "Alan Turing", "alan turing"), (FollowKind.Category, "cs.LG", "cs.lg")],
            await FollowsAsync(site, "ada"));
        using (var unfollowed = await SubmitAsync(ada, "/follows", unfollow))
            Assert.Equal(HttpStatusCode.Redirect, unfollowed.StatusCode);
        Assert.Equal([(FollowKind.Category, "cs.LG", "cs.lg")], await FollowsAsync(site, "ada"));
        // Anonymous readers get no follow form (nor a form token that would keep the page out of caches).
        Assert.DoesNotContain("action=\"/follows\"", await anonymous.GetStringAsync("/papers/2506.00001"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Api_Follows_Lists_AndUnfollows_WithAnInterestsToken(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var token = await CreateAsync(ada, "interests", "interests", "vote");

        var author = await ReadAsync(CallAsync(site, HttpMethod.Put, "/api/me/follows", token, "{\"kind\": \"author\", \"value\": \"Kovač\"}"));
        var sameAuthor = await ReadAsync(CallAsync(site, HttpMethod.Put, "/api/me/follows", token, "{\"kind\": \"author\", \"value\": \"KOVAC\"}"));
        var category = await ReadAsync(CallAsync(site, HttpMethod.Put, "/api/me/follows", token, "{\"Kind\": \"Category\", \"Value\": \"hep-th\"}"));
        using (await CallAsync(site, HttpMethod.Post, "/api/papers/2506.00002/not-interested", token)) { }
        var list = await ReadAsync(CallAsync(site, HttpMethod.Get, "/api/me/interests", token));

        Assert.Equal(HttpStatusCode.OK, author.Status);
        Assert.True((bool)author.Json!["following"]!);
        Assert.Equal("Kovač", (string)sameAuthor.Json!["value"]!);
        Assert.Equal("High Energy Physics - Theory", (string)category.Json!["name"]!);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("private", list.Response.Headers.CacheControl!.ToString());
        var follows = list.Json!["follows"]!.AsArray();
        Assert.Equal(["author Kovač", "category hep-th"], follows.Select(f => $"{(string)f!["kind"]!} {(string)f["value"]!}"));
        Assert.Equal("2025-06-04T18:00:00.000Z", (string)follows[0]!["since"]!);
        Assert.Equal("2506.00002", (string)list.Json["notInterested"]![0]!["paper"]!);
        Assert.Empty(list.Json["examples"]!.AsArray());

        var gone = await ReadAsync(CallAsync(site, HttpMethod.Delete, "/api/me/follows?kind=author&value=kovac", token));
        Assert.Equal(HttpStatusCode.OK, gone.Status);
        Assert.False((bool)gone.Json!["following"]!);
        Assert.Equal([(FollowKind.Category, "hep-th", "hep-th")], await FollowsAsync(site, "ada"));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Api_RefusesBadBodies_BadValues_OtherScopes_AndCookies(Engine engine)
    {
        await using var site = await SiteAsync(engine);
        using var ada = await WebSession.MemberAsync(site, "ada");
        var token = await CreateAsync(ada, "interests", "interests");
        var voter = await CreateAsync(ada, "voter", "vote");

        AssertProblem(HttpStatusCode.BadRequest, "needs a JSON body", await ReadAsync(CallAsync(site, HttpMethod.Put, "/api/me/follows", token, "")));
        AssertProblem(HttpStatusCode.BadRequest, "not the JSON", await ReadAsync(CallAsync(site, HttpMethod.Put, "/api/me/follows", token, "{\"kind\": 3}")));
        AssertProblem(HttpStatusCode.BadRequest, "author's name",
            await ReadAsync(CallAsync(site, HttpMethod.Put, "/api/me/follows", token, "{\"kind\": \"author\", \"value\": \"\"}")));
        AssertProblem(HttpStatusCode.BadRequest, "not an arXiv category",
            await ReadAsync(CallAsync(site, HttpMethod.Put, "/api/me/follows", token, "{\"kind\": \"category\", \"value\": \"cs..CL\"}")));
        AssertProblem(HttpStatusCode.BadRequest, "kind is",
            await ReadAsync(CallAsync(site, HttpMethod.Delete, "/api/me/follows?value=x", token)));
        AssertProblem(HttpStatusCode.Forbidden, "'interests' scope", await ReadAsync(CallAsync(site, HttpMethod.Get, "/api/me/interests", voter)));
        var cookie = await ReadAsync(CallAsync(ada.Client, HttpMethod.Put, "/api/me/follows", null, "{\"kind\": \"author\", \"value\": \"Mallory\"}"));
        var anonymous = await ReadAsync(CallAsync(site, HttpMethod.Get, "/api/me/interests", null));

        Assert.Equal(HttpStatusCode.Unauthorized, cookie.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Empty(await FollowsAsync(site, "ada"));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string words)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(words, await response.Content.ReadAsStringAsync(Ct));
    }
}
