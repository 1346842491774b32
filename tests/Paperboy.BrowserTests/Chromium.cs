using Microsoft.Playwright;

namespace Paperboy.BrowserTests;

/// <summary>
/// Debian's Chromium, started once for the whole run. Playwright's own browser download is never used: the
/// executable path points at /usr/bin/chromium, which ./test.sh installs. Without it the tests skip and say why.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> GetAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Skip($"Chromium is not installed at {ExecutablePath} (./test.sh installs Debian's chromium package)");
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }
}
