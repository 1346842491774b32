namespace Paperboy.Tests.Support;

/// <summary>
/// Classic cross-site scripting payloads (after the OWASP filter-evasion cheat sheet), for any test that puts
/// user text on a page: HTTP tests here, browser tests that check nothing runs. Each one, if it survived as
/// markup, would run script, load a frame or style, or navigate.
/// </summary>
public static class XssPayloads
{
    public static readonly IReadOnlyList<string> All =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<script>alert(1)",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<img src=\"x\" onerror=\"&#97;&#108;&#101;&#114;&#116;(1)\">",
        "<img src=x oNeRrOr=alert(1)//",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg/onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
        "<body onload=alert(1)>",
        "<div style=\"width: expression(alert(1));\">x</div>",
        "<style>@import 'https://xss.example/x.css';</style>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](x\" onerror=\"alert(1))",
        "[x](https://example.org\" onmouseover=\"alert(1))",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=\"alert(1)\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "</textarea><script>alert(1)</script>",
        "<<SCRIPT>alert(1);//<</SCRIPT>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
        "> <img src=x onerror=alert(1)>",
        "- <svg onload=alert(1)>",
        "<https://example.org/\"onmouseover=\"alert(1)>",
        "<javascript:alert(1)>",
        "www.example.org/<script>alert(1)</script>",
    ];

    /// <summary>The payloads as theory data.</summary>
    public static TheoryData<string> Data => new(All);
}
