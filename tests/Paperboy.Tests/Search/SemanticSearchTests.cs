using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Search.Indexing;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Search;

/// <summary>Search by meaning, with the real embedding model, and the embeddings the site stores.</summary>
public class SemanticSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AQueryInOtherWords_FindsThePaperByMeaning_WhereWordsFindNothing(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine, embeddings: true);
        const string rain = "how%20much%20will%20it%20rain%20tomorrow";

        Assert.Empty(FeedData.CardIds(await site.GetStringAsync($"/search?q={rain}&mode=keyword")));
        var hybrid = await site.GetStringAsync($"/search?q={rain}");

        Assert.DoesNotContain("not ready yet", hybrid);
        Assert.Contains("matched by words and meaning", hybrid);
        Assert.Equal(["2506.00001", "2506.00002"], FeedData.CardIds(hybrid).Take(2).Order().ToList());
        var contracts = FeedData.CardIds(await site.GetStringAsync("/search?q=" + Uri.EscapeDataString("converting agreements written by attorneys into another language")));
        Assert.Equal("2506.00004", contracts[0]);
        // Filters narrow results found by meaning as they narrow results found by words.
        var filtered = FeedData.CardIds(await site.GetStringAsync($"/search?q={rain}%20has%3Acode&mode=vector"));
        Assert.Equal(["2506.00001"], filtered);
        // The API finds it by meaning too, and says which mode it used.
        using var api = await site.GetAsync($"/api/papers/search?q={rain}&limit=2");
        Assert.Equal("hybrid", Assert.Single(api.Headers.GetValues("X-Search-Mode")));
        Assert.Contains("2506.00001", await api.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task APaperPage_ShowsItsNearestPapers_AndOthersByItsAuthors()
    {
        await using var site = await SearchSite.StartAsync(Engine.Sqlite, embeddings: true);

        var page = await site.GetStringAsync("/papers/2506.00001");

        var similar = Regex.Match(page, "<section class=\"similar\".*?</section>", RegexOptions.Singleline).Value;
        var linked = Regex.Matches(similar, "href=\"/papers/([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("2506.00002", linked[0]);
        Assert.DoesNotContain("2506.00001", linked);
        Assert.Equal(linked.Count, linked.Distinct().Count());
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Embeddings_AreStoredOncePerPaper_AndComputedAgainOnlyWhenTheTextChanges(Engine engine)
    {
        await using var site = await SearchSite.StartAsync(engine, embeddings: true);
        var worker = site.Services.GetRequiredService<EmbeddingWorker>();
        Assert.Equal(0, await worker.CatchUpAsync(Ct));
        var before = await RowsAsync(site);
        Assert.Equal(5, before.Count);
        Assert.All(before.Values, r => Assert.Equal("arctic-xs", r.Model));
        await using (var db = site.Database.CreateContext())
            foreach (var p in await db.Papers.ToListAsync(Ct))
                Assert.Equal(p.ChangeNumber, before[p.ArxivId].ChangeNumber);

        // A change outside the title and abstract moves the row's change number and keeps its vector.
        await site.SeedAsync(SearchSite.Papers()[0] with { Comment = "10 pages" });
        // A new abstract gets a new vector.
        await site.SeedAsync(SearchSite.Papers()[2] with { Version = 2, Abstract = "Enzymes slow down in the cold." });
        Assert.Equal(2, await worker.CatchUpAsync(Ct));

        var after = await RowsAsync(site);
        Assert.True(after["2506.00001"].ChangeNumber > before["2506.00001"].ChangeNumber);
        Assert.Equal(before["2506.00001"].Vector, after["2506.00001"].Vector);
        Assert.NotEqual(before["2506.00003"].Vector, after["2506.00003"].Vector);
        Assert.Equal(before["2506.00005"].Vector, after["2506.00005"].Vector);
    }

    private static async Task<Dictionary<string, PaperEmbedding>> RowsAsync(TestSite site)
    {
        await using var db = site.Database.CreateContext();
        return await (from e in db.Embeddings.AsNoTracking()
                      join p in db.Papers on e.PaperId equals p.Id
                      select new { p.ArxivId, e }).ToDictionaryAsync(x => x.ArxivId, x => x.e, Ct);
    }
}
