using Microsoft.Playwright;

namespace Paperboy.BrowserTests;

/// <summary>
/// Classic XSS payloads and a watcher: each payload, if it ever ran, would call <c>alert</c> (or set a flag); the
/// watcher turns all of these into a list the test asserts is empty.
/// </summary>
public static class Payloads
{
    /// <summary>The same list the HTTP tests use, so both kinds of test cover the same attacks.</summary>
    public static IReadOnlyList<string> All => Paperboy.Tests.Support.XssPayloads.All;

    /// <summary>Collects every dialog the page opens and, after each load, whether a payload set its flag.</summary>
    public static async Task<List<string>> WatchAsync(IPage page)
    {
        var ran = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (ran) ran.Add($"dialog: {dialog.Message}");
            await dialog.DismissAsync();
        };
        page.Load += async (_, p) =>
        {
            try
            {
                if (await p.EvaluateAsync<bool>("() => window.__xss === 1")) lock (ran) ran.Add($"flag set on {p.Url}");
            }
            catch (PlaywrightException) { }
        };
        await Task.CompletedTask;
        return ran;
    }
}
