using Microsoft.Playwright;

namespace Paperboy.BrowserTests;

public sealed class AccountFlowTests
{
    [Fact]
    public async Task SignUp_SignOut_SignIn_InTheBrowser()
    {
        await using var site = await BrowserSite.StartAsync();
        await site.SeedAsync(BrowserSite.Paper("2506.00001", site.Today, 3, "Attention is still all you need"));
        var page = site.Page;

        await page.GotoAsync("/papers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("ada");
        await page.GetByLabel("Email").FillAsync("ada@example.org");
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await site.ScreenshotAsync("sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "ada", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Attention is still all you need")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("User name or email").FillAsync("ada@example.org");
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
