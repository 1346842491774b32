using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace Paperboy.Community.Comments;

/// <summary>
/// Turns a comment's Markdown into the HTML stored in <see cref="Comment.Html"/>. Two independent guards:
/// Markdig writes any raw HTML in the text as text, and the sanitiser then keeps only a small set of tags and
/// attributes and http, https and mailto links, so a bug or a new extension in one of them alone cannot let
/// markup through. Pages write this HTML as it is, and only this HTML.
/// </summary>
public sealed class CommentMarkdown
{
    /// <summary>What a comment's rendering may contain.</summary>
    public static readonly IReadOnlySet<string> AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    };

    /// <summary>Links in comments earn no search ranking, open nothing with access to this page, and say they are user content.</summary>
    public const string LinkRel = "nofollow noopener ugc";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        // Headings would let one comment shout over the page; a '#' line stays text.
        .DisableHeadings()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public CommentMarkdown()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(),
        });
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement a) a.SetAttribute("rel", LinkRel);
        };
    }

    /// <summary>The safe HTML of <paramref name="markdown"/>. Thread-safe: the sanitiser is configured once, here.</summary>
    public string Render(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();

    /// <summary>The comment's words without their Markdown, for excerpts; the page encodes it like any text.</summary>
    public static string PlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();
}
