using Microsoft.Playwright;

namespace Paperboy.BrowserTests;

/// <summary>
/// Classic XSS payloads. Each one, if it ever ran, would call <c>alert</c> (or navigate, or set a flag); the
/// watcher turns all of these into a list the test asserts is empty.
/// </summary>
public static class Payloads
{
    public static readonly string[] All =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//xss.invalid/x.js></SCRIPT>",
        "<img src=x onerror=alert(2)>",
        "<img src=\"x\" onerror=\"window.__xss=1\">",
        "<svg onload=alert(3)>",
        "<svg><script>alert(4)</script></svg>",
        "<body onload=alert(5)>",
        "<iframe src=\"javascript:alert(6)\"></iframe>",
        "<a href=\"javascript:alert(7)\">click</a>",
        "<a href=\"JaVaScRiPt:alert(8)\">x</a>",
        "\"><script>alert(9)</script>",
        "'><img src=x onerror=alert(10)>",
        "</title><script>alert(11)</script>",
        "</textarea><script>alert(12)</script>",
        "<details open ontoggle=alert(13)>",
        "<input autofocus onfocus=alert(14)>",
        "<video><source onerror=alert(15)></video>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(16)>",
        "<object data=\"javascript:alert(17)\"></object>",
        "<embed src=\"javascript:alert(18)\">",
        "<div style=\"background:url(javascript:alert(19))\">x</div>",
        "<style>@import 'javascript:alert(20)';</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(21)\">",
        "<form action=\"javascript:alert(22)\"><button>x</button></form>",
        "<img src=x:alert(23) onerror=eval(src)>",
        "&lt;script&gt;alert(24)&lt;/script&gt;",
        "<scr<script>ipt>alert(25)</scr</script>ipt>",
        "<img \"\"\"><script>alert(26)</script>\">",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgyNyk8L3NjcmlwdD4=\">x</a>",
        "javascript:alert(28)",
        "<marquee onstart=alert(29)>x</marquee>",
        "<isindex type=image src=1 onerror=alert(30)>",
        "<x onclick=alert(31)>click</x>",
        "{{constructor.constructor('alert(32)')()}}",
        "<img src=`x` onerror=alert(33)>",
    ];

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
