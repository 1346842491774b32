using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Paperboy.Search.Indexing;

namespace Paperboy.BrowserTests;

/// <summary>Searching from the header box: results by words and meaning, marked matches, facets that narrow.</summary>
public sealed class SearchFlowTests
{
    [Fact]
    public async Task SearchFromTheHeader_MarksMatches_AndAFacetNarrowsTheResults()
    {
        await using var site = await BrowserSite.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Paperboy:Search:Embed"] = "true",
            ["Paperboy:Search:CatchUpSeconds"] = "3600",
        });
        await site.SeedAsync(
            Paper(site, "2506.00001", "Rainfall prediction with recurrent networks",
                "We predict daily rainfall totals at weather stations from radar and satellite observations.", "physics.ao-ph", "cs.LG"),
            Paper(site, "2506.00002", "Storm and precipitation nowcasting from radar echoes",
                "Short-term forecasts of storms and precipitation from radar echo sequences over two years of weather data.", "physics.ao-ph"),
            Paper(site, "2506.00003", "Weather-aware routing for delivery fleets",
                "Delivery routes planned with weather forecasts and traffic, evaluated on a city's parcel records.", "cs.AI"),
            Paper(site, "2506.00004", "Protein structure from amino acid sequences",
                "Three-dimensional structure of proteins inferred from the amino acid sequence alone.", "q-bio.BM"));
        var ct = TestContext.Current.CancellationToken;
        await site.App.Services.GetRequiredService<EmbeddingWorker>().CatchUpAsync(ct);
        await site.App.Services.GetRequiredService<SearchIndexer>().CatchUpAsync(ct);
        var page = site.Page;

        await page.GotoAsync("/papers");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search papers" }).FillAsync("weather forecasts");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".search-summary")).ToContainTextAsync("matched by words and meaning");
        var found = await Ids(page);
        Assert.Equal(["2506.00001", "2506.00002", "2506.00003"], found.Order().Take(3).ToList());
        Assert.DoesNotContain("2506.00004", found.Take(3));
        // The words of the query are marked in titles and abstracts, stemmed ("forecasts" marks "forecasts").
        Assert.Contains("forecasts", await page.Locator("article.card mark").AllTextContentsAsync());
        await site.ScreenshotAsync("search");

        await page.Locator(".facets").GetByRole(AriaRole.Link, new() { Name = "cs.AI" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-search-q")).ToHaveValueAsync("weather forecasts category:cs.AI");
        Assert.Equal(["2506.00003"], await Ids(page));
    }

    private static Import.PaperRecord Paper(BrowserSite site, string id, string title, string abstractText, params List<string> categories) =>
        BrowserSite.Paper(id, site.Today, 3, title, abstractText) with { Categories = categories };

    private static async Task<List<string>> Ids(IPage page) =>
        (await page.Locator("article.card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.paper)")).ToList();
}
