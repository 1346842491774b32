using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Paperboy.Tests.Support;

/// <summary>Assertions that HTML shown to a reader carries nothing that could run, load or navigate on its own.</summary>
public static class SafeHtml
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "background", "poster"];
    private static readonly string[] SafeSchemes = ["http:", "https:", "mailto:"];

    /// <summary>A whole page: no event handler attributes, no inline or foreign scripts, no frames or plugins, no script URLs.</summary>
    public static IDocument AssertPageInert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"event handler attribute {attribute.Name} on <{element.LocalName}>");
                Assert.False(attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase) && attribute.Value.Contains("expression", StringComparison.OrdinalIgnoreCase),
                    "CSS expression");
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase)) AssertSafeUrl(attribute.Value, element);
            }
            Assert.DoesNotContain(element.LocalName, (string[])["iframe", "frame", "object", "embed", "base", "applet"]);
            // The site's own scripts, if it has any, are files from the same site; nothing inline.
            if (element.LocalName == "script")
            {
                Assert.StartsWith("/", element.GetAttribute("src") ?? "", StringComparison.Ordinal);
                Assert.True(string.IsNullOrWhiteSpace(element.TextContent), "inline script");
            }
            if (element.LocalName == "meta") Assert.Null(element.GetAttribute("http-equiv"));
        }
        return document;
    }

    /// <summary>
    /// A piece of user content: only <paramref name="allowedTags"/>, no attributes but href, rel and start, and links
    /// only to http, https or mailto addresses (or relative ones on this site).
    /// </summary>
    public static void AssertFragmentInert(IElement container, IReadOnlySet<string> allowedTags)
    {
        Assert.DoesNotContain("<script", container.InnerHtml, StringComparison.OrdinalIgnoreCase);
        foreach (var element in container.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, allowedTags);
            foreach (var attribute in element.Attributes)
                Assert.Contains(attribute.Name, (string[])["href", "rel", "start"]);
            if (element.GetAttribute("href") is { } href) AssertSafeUrl(href, element);
        }
    }

    private static void AssertSafeUrl(string value, IElement element)
    {
        // Browsers drop whitespace and control characters inside a scheme ("java\tscript:"), so the check does too.
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':');
        var slash = compact.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon > 0 && (slash < 0 || colon < slash);
        if (hasScheme)
            Assert.True(SafeSchemes.Any(s => compact.StartsWith(s, StringComparison.OrdinalIgnoreCase)),
                $"unsafe URL {value} on <{element.LocalName}>");
    }
}
