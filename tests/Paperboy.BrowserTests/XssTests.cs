using Microsoft.Playwright;

namespace Paperboy.BrowserTests;

/// <summary>
/// Classic XSS payloads stored where the site shows text it did not write (imported titles, abstracts, author and
/// submitter names; comments and collections are covered in their own flows) must be shown as text: the page is
/// loaded in a real browser that would run them, and every payload reports to the page if it ever runs.
/// </summary>
public sealed class XssTests
{
    [Fact]
    public async Task ImportedPayloads_AreShownAsText_AndNoneRuns()
    {
        await using var site = await BrowserSite.StartAsync();
        var payloads = Payloads.All;
        var records = payloads.Select((p, i) =>
        {
            var r = BrowserSite.Paper($"2506.{i + 10000:D5}", site.Today, upvotes: 100 - i, title: $"T{i} {p}", abstractText: $"A{i} {p}");
            return r with { Authors = [$"Author {p}"], Daily = r.Daily! with { SubmitterFullname = $"Sub {p}" } };
        }).ToArray();
        await site.SeedAsync(records);
        var ran = await Payloads.WatchAsync(site.Page);

        await site.Page.GotoAsync("/papers");
        await site.Page.GotoAsync("/papers?p=1");
        foreach (var r in records.Take(5)) await site.Page.GotoAsync("/papers/" + r.ArxivId);
        await site.Page.GotoAsync("/papers/" + records[records.Length - 1].ArxivId);

        Assert.Empty(ran);
        // Shown as text: the title of the first paper reads back exactly as stored.
        var first = records[0];
        await site.Page.GotoAsync("/papers/" + first.ArxivId);
        Assert.Equal(first.Title, (await site.Page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(ran);
    }

    [Fact]
    public async Task CommentPayloads_PostedThroughTheForm_AreShownAsText_AndNoneRuns()
    {
        await using var site = await BrowserSite.StartAsync();
        await site.SeedAsync(BrowserSite.Paper("2506.00001", site.Today, 3, "A paper to discuss"));
        await site.CreateMemberAsync("ada");
        await site.SignInAsync("ada");
        var ran = await Payloads.WatchAsync(site.Page);

        // One through the real form, as a person would; the rest through the same service the form calls.
        await site.Page.GotoAsync("/papers/2506.00001");
        await site.Page.GetByLabel("Your comment").FillAsync(Payloads.All[0]);
        await site.Page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Assertions.Expect(site.Page.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = Payloads.All[0] })).ToBeVisibleAsync();
        await site.PostCommentsAsync("ada", "2506.00001", Payloads.All.Skip(1));

        await site.Page.GotoAsync("/papers/2506.00001");
        await site.Page.Mouse.WheelAsync(0, 20000);
        await site.Page.GotoAsync("/users/ada");

        Assert.Empty(ran);
    }
}
