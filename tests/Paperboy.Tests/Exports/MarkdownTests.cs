using System.Text.RegularExpressions;
using Markdig;
using Paperboy.Exports;
using Paperboy.Papers;

namespace Paperboy.Tests.Exports;

public class MarkdownTests
{
    private const string Origin = "https://papers.example.org";

    [Fact]
    public void Paper_IsATitleAuthorsLinksAndTheAbstract_WithTheFeedsCounts()
    {
        var paper = ExportPapers.Transformer with
        {
            GithubRepo = "https://github.com/example/transformer",
            Feed = new FeedSlot(new DateOnly(2024, 1, 2), new DateTime(2024, 1, 2, 12, 0, 0, DateTimeKind.Utc), "ada", null, null, 5, 1),
        };

        Assert.Equal("""
            # Attention Is All You Need

            **Authors:** Ashish Vaswani, Noam Shazeer

            - **arXiv:** [2401.00001v2](https://arxiv.org/abs/2401.00001v2) ([PDF](https://arxiv.org/pdf/2401.00001v2))
            - **Code:** <https://github.com/example/transformer>
            - **Categories:** cs.CL, cs.LG
            - **Published:** 2024-01-01
            - **Daily papers:** [2024-01-02](<https://papers.example.org/papers/date/2024-01-02>) · 5 upvotes · 1 comment
            - **On Paperboy:** <https://papers.example.org/papers/2401.00001>

            ## Abstract

            We propose the Transformer, based on attention.

            """.ReplaceLineEndings("\n"), PaperMarkdown.Write(paper, Origin, "Paperboy"));
    }

    [Fact]
    public void OldStyleId_LinksItsDoi_AndShowsTheJournalReference()
    {
        var md = PaperMarkdown.Write(ExportPapers.Maldacena with { Comment = "20 pages, harvmac" }, Origin, "Paperboy");

        Assert.Contains("- **arXiv:** [hep-th/9711200](https://arxiv.org/abs/hep-th/9711200) ([PDF](https://arxiv.org/pdf/hep-th/9711200))\n", md);
        Assert.Contains("- **Comment:** 20 pages, harvmac\n", md);
        Assert.Contains("- **Journal reference:** Adv.Theor.Math.Phys.2:231-252,1998\n", md);
        Assert.Contains("- **DOI:** [10.1023/A:1026654312961](<https://doi.org/10.1023/A:1026654312961>)\n", md);
        Assert.Contains("- **On Paperboy:** <https://papers.example.org/papers/hep-th/9711200>\n", md);
        Assert.DoesNotContain("Daily papers", md);
    }

    [Fact]
    public void MarkdownInTitlesNamesAndAbstracts_IsEscaped()
    {
        Assert.Equal(@"\*Bold\* \[click\](javascript:alert(1)) \<script\>x\</script\> \`code\` \$x\$ \_u\_ \~\~s\~\~ \&amp; \{\#id\} a\|b C\#",
            MarkdownText.Escape("*Bold* [click](javascript:alert(1)) <script>x</script> `code` $x$ _u_ ~~s~~ &amp; {#id} a|b C#"));
        Assert.Equal(@"1\. Introduction - see", MarkdownText.Paragraph("1. Introduction - see"));
        Assert.Equal(@"2024\) was a year", MarkdownText.Paragraph("2024) was a year"));
        Assert.Equal(@"\- item", MarkdownText.Paragraph("- item"));
        Assert.Equal(@"\+ item", MarkdownText.Paragraph("+ item"));
        Assert.Equal(@"\=\=\= heading?", MarkdownText.Paragraph("=== heading?"));
        Assert.Equal(@"a b \\ c", MarkdownText.Escape("a\n\n b \\ c"));
    }

    [Fact]
    public void HostilePaper_RendersAsPlainText_WithOnlyTheExportsOwnLinksAndMarks()
    {
        var paper = ExportPapers.Paper("2401.00009", "*Bold* [click](javascript:alert(1)) <img src=x onerror=alert(1)> `c` ## Title #",
            ["Mallory ![x](/x.png)", "_Eve_"],
            abstractText: "1. Not a list\n\n> not a quote\n\n<script>alert(1)</script> [a]: https://evil.example ~~gone~~ ==marked==",
            github: "javascript:alert(1)", project: "https://example.org/a b<c>\"d", comment: "**loud** <b>bold</b>",
            journal: "[J](https://evil.example)");

        var md = PaperMarkdown.Write(paper, Origin, "Paperboy");
        var html = Markdown.ToHtml(md, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

        Assert.StartsWith("<h1", html);
        Assert.Single(Regex.Matches(html, "<h1"));
        Assert.DoesNotMatch("<(em|code|img|script|blockquote|del|mark|sup|sub|ol|b)[ >]", html);
        // A link is the export's own (arXiv, this site), or shows its own address: a bare URL in an abstract may be
        // linked by the renderer, but no text can hide where a link goes.
        Assert.All(Regex.Matches(html, "<a href=\"([^\"]*)\"[^>]*>([^<]*)</a>").Select(m => (Href: m.Groups[1].Value, Text: m.Groups[2].Value)),
            a => Assert.True(Regex.IsMatch(a.Href, "^(https://arxiv\\.org/|https://papers\\.example\\.org/)") || a.Href.EndsWith(a.Text),
                $"{a.Href} shown as {a.Text}"));
        Assert.Contains("- **Project page:** <https://example.org/a%20b%3Cc%3E%22d>\n", md);
        // Bold is only the export's own labels: the authors line and one for each item.
        Assert.Equal(Regex.Matches(md, @"^(- )?\*\*[A-Za-z ]+:\*\*", RegexOptions.Multiline).Count, Regex.Matches(html, "<strong>").Count);
        Assert.DoesNotContain("Code:", md);
        Assert.Contains("*Bold* [click](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; `c` ## Title #</h1>", html);
        Assert.Contains("Mallory ![x](/x.png), _Eve_", html);
    }
}
