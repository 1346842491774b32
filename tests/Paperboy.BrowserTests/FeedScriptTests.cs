using Microsoft.Playwright;

namespace Paperboy.BrowserTests;

/// <summary>
/// site.js in a real browser: votes sent with fetch and redrawn in place, the keyboard shortcuts, the theme picker
/// applied before paint, and the pages at phone width. Screenshots go to test-results/screenshots.
/// </summary>
public sealed class FeedScriptTests
{
    private static async Task SignUpAsync(IPage page, string name)
    {
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync($"{name}@example.org");
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    private static async Task<BrowserSite> SeededAsync(ColorScheme scheme = ColorScheme.Light, int width = 1280, int height = 900)
    {
        var site = await BrowserSite.StartAsync(scheme, width, height);
        await site.SeedAsync(
            BrowserSite.Paper("2506.00001", site.Today, 42, "Attention is still all you need"),
            BrowserSite.Paper("2506.00002", site.Today, 17, "Scaling laws for tiny models"),
            BrowserSite.Paper("2506.00003", site.Today, 5, "A third paper"));
        return site;
    }

    [Fact]
    public async Task Vote_IsSentWithFetch_AndRedrawnInPlace()
    {
        await using var site = await SeededAsync();
        var page = site.Page;
        await SignUpAsync(page, "ada");
        await page.GotoAsync("/papers");
        // A marker that a page load would wipe out.
        await page.EvaluateAsync("() => window.__stayed = true");
        var box = page.Locator("article[data-paper='2506.00002'] button.votes");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-pressed", "false");

        await box.ClickAsync();

        await Assertions.Expect(box).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(box.Locator(".votes-count")).ToHaveTextAsync("18");
        await Assertions.Expect(box).ToHaveClassAsync("votes voted");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stayed === true"));
        await site.ScreenshotAsync("vote-in-place");

        // The server has it: a reload shows the same state.
        await page.ReloadAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(box.Locator(".votes-count")).ToHaveTextAsync("18");

        // Clicking again takes it back, still in place.
        await page.EvaluateAsync("() => window.__stayed = true");
        await box.ClickAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(box.Locator(".votes-count")).ToHaveTextAsync("17");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stayed === true"));
    }

    [Fact]
    public async Task KeyboardShortcuts_MoveOpenUpvoteSearchAndHelp_ButNeverWhileTyping()
    {
        await using var site = await SeededAsync();
        var page = site.Page;
        await SignUpAsync(page, "grace");
        await page.GotoAsync("/papers");
        var focusedCard = "() => document.activeElement.closest('.card')?.dataset.paper ?? null";

        await page.Keyboard.PressAsync("j");
        Assert.Equal("2506.00001", await page.EvaluateAsync<string?>(focusedCard));
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j"); // stays on the last
        Assert.Equal("2506.00003", await page.EvaluateAsync<string?>(focusedCard));
        await page.Keyboard.PressAsync("k");
        Assert.Equal("2506.00002", await page.EvaluateAsync<string?>(focusedCard));
        // The focused card shows a ring.
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        // u upvotes the focused card, in place.
        await page.Keyboard.PressAsync("u");
        var box = page.Locator("article[data-paper='2506.00002'] button.votes");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(box.Locator(".votes-count")).ToHaveTextAsync("18");

        // / focuses the search box; typing there is typing, not shortcuts.
        await page.Keyboard.PressAsync("/");
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search papers" });
        await Assertions.Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("jku?o");
        await Assertions.Expect(search).ToHaveValueAsync("jku?o");
        Assert.Null(await page.EvaluateAsync<string?>(focusedCard));
        await Assertions.Expect(page.Locator("dialog.shortcuts")).ToHaveCountAsync(0);
        await search.BlurAsync();

        // ? shows the help; Escape closes it.
        await page.Keyboard.PressAsync("?");
        var help = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(help).ToBeVisibleAsync();
        await Assertions.Expect(help).ToContainTextAsync("Next paper");
        await site.ScreenshotAsync("shortcut-help");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(help).ToBeHiddenAsync();

        // o opens the focused paper; Enter on a focused card does too.
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("o");
        await page.WaitForURLAsync("**/papers/2506.00001");
        await page.GoBackAsync();
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/papers/2506.00002");
    }

    [Fact]
    public async Task Anonymous_UpvoteShortcut_GoesToSignIn()
    {
        await using var site = await SeededAsync();
        var page = site.Page;
        await page.GotoAsync("/papers");

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("u");

        await page.WaitForURLAsync("**/account/signin?returnUrl=%2Fpapers");
    }

    [Fact]
    public async Task ThemePicker_IsRemembered_AndAppliedBeforeThePageIsDrawn()
    {
        await using var site = await SeededAsync(ColorScheme.Light);
        var page = site.Page;
        const string background = "() => getComputedStyle(document.body).backgroundColor";
        await page.GotoAsync("/papers");
        Assert.Equal("rgb(249, 250, 251)", await page.EvaluateAsync<string>(background));

        await page.GetByLabel("Colour theme").SelectOptionAsync("dark");
        Assert.Equal("rgb(11, 15, 25)", await page.EvaluateAsync<string>(background));

        // On the next page the theme is already on <html> when the body is first parsed, before any paint.
        await page.AddInitScriptAsync("""
            document.addEventListener('readystatechange', () => {
                if (!window.__firstTheme) window.__firstTheme = document.documentElement.dataset.theme || 'none';
            });
            new MutationObserver((_, o) => {
                if (document.body) { window.__themeAtBody = document.documentElement.dataset.theme || 'none'; o.disconnect(); }
            }).observe(document, { childList: true, subtree: true });
            """);
        await page.GotoAsync("/papers/trending");
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => window.__themeAtBody"));
        Assert.Equal("rgb(11, 15, 25)", await page.EvaluateAsync<string>(background));
        await Assertions.Expect(page.GetByLabel("Colour theme")).ToHaveValueAsync("dark");
        await site.ScreenshotAsync("trending-dark");

        // Back to the system's choice.
        await page.GetByLabel("Colour theme").SelectOptionAsync("system");
        await page.ReloadAsync();
        Assert.Equal("none", await page.EvaluateAsync<string>("() => window.__themeAtBody"));
        Assert.Equal("rgb(249, 250, 251)", await page.EvaluateAsync<string>(background));
    }

    [Fact]
    public async Task SystemDarkMode_CanBeOverriddenToLight()
    {
        await using var site = await SeededAsync(ColorScheme.Dark);
        var page = site.Page;
        await page.GotoAsync("/papers");
        Assert.Equal("rgb(11, 15, 25)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));

        await page.GetByLabel("Colour theme").SelectOptionAsync("light");
        await page.ReloadAsync();

        Assert.Equal("rgb(249, 250, 251)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    [Fact]
    public async Task PhoneWidth_NothingOverflowsSideways()
    {
        await using var site = await SeededAsync(width: 360, height: 780);
        var page = site.Page;
        await SignUpAsync(page, "tiny");

        foreach (var url in new[] { "/papers", "/papers/trending", $"/papers/week/{Paperboy.Papers.FeedPeriod.Week(site.Today).Key}", "/papers/2506.00001", "/about/ranking" })
        {
            await page.GotoAsync(url);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 360px phone");
        }
        await page.GotoAsync("/papers");
        await site.ScreenshotAsync("papers-360");
    }
}
