using Microsoft.Playwright;

namespace Paperboy.BrowserTests;

/// <summary>A new member tells the site what they read, gets picks that say why, and turns one down.</summary>
public sealed class ForYouFlowTests
{
    [Fact]
    public async Task SignUp_PickAField_SeePicksWithReasons_NotInterestedRemovesOne()
    {
        await using var site = await BrowserSite.StartAsync();
        await site.SeedAsync(
            BrowserSite.Paper("2506.00001", site.Today, 3, "Terminology-aware translation of patents") with { Categories = ["cs.CL"] },
            BrowserSite.Paper("2506.00002", site.Today, 5, "Dialogue state tracking with small models") with { Categories = ["cs.CL", "cs.AI"] },
            BrowserSite.Paper("2506.00003", site.Today, 9, "Galaxy rotation curves revisited") with { Categories = ["astro-ph.GA"] });
        var page = site.Page;

        await page.GotoAsync("/account/signup");
        await page.GetByLabel("User name").FillAsync("ada");
        await page.GetByLabel("Email").FillAsync("ada@example.org");
        await page.GetByLabel("Password").FillAsync(BrowserSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        // Sign-up leads to the welcome page; ticking a field and saving leads to the picks.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/welcome$"));
        await page.Locator("input[name=categories][value='cs.CL']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and see papers for you" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/for-you$"));
        await Assertions.Expect(page.Locator("article.card")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".pick-reason").First).ToHaveTextAsync("New in cs.CL, which you follow");
        await Assertions.Expect(Card(page, "2506.00003")).ToHaveCountAsync(0);

        // "Not interested" takes the paper out of the picks for good.
        await Card(page, "2506.00002").GetByRole(AriaRole.Button, new() { Name = "Not interested" }).ClickAsync();
        await page.GotoAsync("/for-you");
        await Assertions.Expect(Card(page, "2506.00001")).ToHaveCountAsync(1);
        await Assertions.Expect(Card(page, "2506.00002")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "For you" })).ToBeVisibleAsync();
    }

    private static ILocator Card(IPage page, string arxivId) => page.Locator($"article.card[data-paper='{arxivId}']");
}
