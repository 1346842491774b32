using AngleSharp.Html.Parser;
using Paperboy.Community.Comments;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Community.Comments;

public class CommentMarkdownTests
{
    private static readonly CommentMarkdown Markdown = new();

    [Fact]
    public void Render_Markdown_GivesEmphasisCodeListsQuotesAndNofollowLinks()
    {
        var html = Markdown.Render("*emphasis* and **strong**, ~~gone~~, `code`\n\n> quoted\n\n- one\n- two\n\n3. three\n\n[a link](https://example.org/x) and https://example.com/bare");

        Assert.Contains("<em>emphasis</em>", html);
        Assert.Contains("<strong>strong</strong>", html);
        Assert.Contains("<del>gone</del>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<ol start=\"3\">", html);
        Assert.Contains("<a href=\"https://example.org/x\" rel=\"nofollow noopener ugc\">a link</a>", html);
        Assert.Contains("<a href=\"https://example.com/bare\" rel=\"nofollow noopener ugc\">https://example.com/bare</a>", html);
    }

    [Fact]
    public void Render_HeadingsAndRawHtml_StayText()
    {
        var html = Markdown.Render("# Shouting\n\n<b>bold?</b>");

        Assert.DoesNotContain("<h1", html);
        Assert.Contains("# Shouting", html);
        Assert.Contains("&lt;b&gt;bold?&lt;/b&gt;", html);
    }

    [Fact]
    public void Render_MailtoLink_IsKept_FtpLink_LosesItsHref()
    {
        Assert.Contains("href=\"mailto:ada@example.org\"", Markdown.Render("[mail](mailto:ada@example.org)"));
        Assert.DoesNotContain("href", Markdown.Render("[files](ftp://example.org/x)"));
    }

    [Theory, MemberData(nameof(XssPayloads.Data), MemberType = typeof(XssPayloads))]
    public void Render_XssPayload_HasNoExecutableMarkup(string payload)
    {
        var html = Markdown.Render(payload);

        var body = new HtmlParser().ParseDocument($"<div id=\"c\">{html}</div>").GetElementById("c")!;
        SafeHtml.AssertFragmentInert(body, CommentMarkdown.AllowedTags);
    }

    [Fact]
    public void Payloads_AreAtLeastThirty() => Assert.True(XssPayloads.All.Count >= 30);
}
