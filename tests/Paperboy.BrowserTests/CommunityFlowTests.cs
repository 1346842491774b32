using Microsoft.Playwright;
using Paperboy.Import;

namespace Paperboy.BrowserTests;

/// <summary>The morning of a member, end to end in the browser: sign up, submit, upvote, comment, watch trending.</summary>
public sealed class CommunityFlowTests
{
    [Fact]
    public async Task SignUp_Submit_Upvote_Comment_RiseInTrending_SignOut()
    {
        await using var site = await BrowserSite.StartAsync();
        var now = DateTime.UtcNow;
        // A rival submitted an hour ago with two votes, and a stored paper nobody has put on the feed yet.
        var rival = BrowserSite.Paper("2506.00001", site.Today, 2, "An earlier rival paper");
        await site.SeedAsync(
            rival with { Daily = rival.Daily! with { SubmittedAt = now.AddHours(-1) } },
            BrowserSite.Paper("2506.00002", site.Today, 0, "Sparse mixtures of tiny experts") with
            {
                Daily = null,
                PublishedAt = now.AddDays(-1),
            });
        var page = site.Page;

        // Ada signs up and submits the stored paper: it lands on today's feed with her upvote.
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("User name").FillAsync("ada");
        await page.GetByLabel("Email").FillAsync("ada@example.org");
        await page.GetByLabel("Password").FillAsync(BrowserSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GotoAsync("/papers/submit");
        await page.GetByLabel("arXiv id or link").FillAsync("https://arxiv.org/abs/2506.00002v1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await page.GotoAsync("/papers/trending");
        await Assertions.Expect(Card(page, "2506.00002").Locator(".votes-count")).ToHaveTextAsync("1");
        Assert.Equal(["2506.00001", "2506.00002"], await Order(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // Grace upvotes it and comments: it overtakes the rival.
        await site.CreateMemberAsync("grace");
        await site.SignInAsync("grace");
        await page.GotoAsync("/papers/trending");
        await Card(page, "2506.00002").Locator("button.votes").ClickAsync();
        await Assertions.Expect(Card(page, "2506.00002").Locator(".votes-count")).ToHaveTextAsync("2");
        await page.GotoAsync("/papers/2506.00002");
        await page.GetByLabel("Your comment").FillAsync("Read this: the *routing* trick is neat.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Assertions.Expect(page.Locator(".discussion em").GetByText("routing")).ToBeVisibleAsync();
        await page.GotoAsync("/papers/2506.00002");
        await site.ScreenshotAsync("paper-page");
        await page.GotoAsync("/papers");
        await site.ScreenshotAsync("day");

        await page.GotoAsync("/papers/trending");
        Assert.Equal(["2506.00002", "2506.00001"], await Order(page));
        await site.ScreenshotAsync("trending");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    private static ILocator Card(IPage page, string arxivId) => page.Locator($"article.card[data-paper='{arxivId}']");

    private static async Task<List<string>> Order(IPage page) =>
        (await page.Locator("article.card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.paper)")).ToList();
}
