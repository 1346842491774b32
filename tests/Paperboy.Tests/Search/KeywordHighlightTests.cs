using AngleSharp.Html.Parser;
using Paperboy.Search;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

public class KeywordHighlightTests
{
    private static KeywordTestIndex NewIndex() => new();

    private static Paperboy.Search.Keyword.KeywordHighlight Highlight(string query, string title, string abstractText)
    {
        using var t = NewIndex();
        return t.Index.Highlight(SearchQuery.Parse(query), title, abstractText);
    }

    [Fact]
    public void Highlight_MarksMatchedWordsInTheirOwnForm()
    {
        var h = Highlight("training network", "Trained Networks Generalise", "We train a network. Nothing else matches.");
        Assert.Equal("<mark>Trained</mark> <mark>Networks</mark> Generalise", h.TitleHtml);
        Assert.Equal("We <mark>train</mark> a <mark>network</mark>. Nothing else matches.", h.AbstractHtml);
    }

    [Fact]
    public void Highlight_Phrase_MarksOnlyTheWholePhrase()
    {
        var h = Highlight("\"machine translation\"", "Machine learning for translation", "Neural machine translation beats statistical translation.");
        Assert.Equal("Machine learning for translation", h.TitleHtml);
        Assert.Equal("Neural <mark>machine</mark> <mark>translation</mark> beats statistical translation.", h.AbstractHtml);
    }

    [Fact]
    public void Highlight_ScriptInTitleAndAbstract_IsEncodedAndOnlyMarkIsMarkup()
    {
        var h = Highlight("script alert", "<script>alert('x')</script> & friends", "An <img src=x onerror=alert(1)> \"script\" abstract.");
        Assert.Equal("&lt;<mark>script</mark>&gt;<mark>alert</mark>(&#39;x&#39;)&lt;/<mark>script</mark>&gt; &amp; friends", h.TitleHtml);
        Assert.DoesNotContain("<img", h.AbstractHtml);
        Assert.DoesNotContain("<script", h.TitleHtml);
    }

    [Fact]
    public void Highlight_EveryXssPayload_StaysText()
    {
        var parser = new HtmlParser();
        foreach (var payload in XssPayloads.All)
        {
            foreach (var query in new[] { "script alert img svg onerror javascript", "nomatch", payload })
            {
                var h = Highlight(query, payload, $"Before {payload} after.");
                foreach (var html in new[] { h.TitleHtml, h.AbstractHtml })
                {
                    var fragment = parser.ParseDocument($"<body><div>{html}</div></body>").Body!.FirstElementChild!;
                    SafeHtml.AssertFragmentInert(fragment, new HashSet<string> { "mark" });
                    Assert.All(fragment.QuerySelectorAll("mark"), m => Assert.Empty(m.Attributes));
                }
                // What a reader sees is the payload's text exactly, marks or not.
                var title = parser.ParseDocument($"<body><div>{h.TitleHtml}</div></body>").Body!.TextContent;
                Assert.Equal(payload, title);
            }
        }
    }

    [Fact]
    public void Highlight_NoMatchInAbstract_GivesItsOpeningEncoded()
    {
        var abstractText = "Short <b>bold</b> claim. " + string.Join(' ', Enumerable.Repeat("filler", 200));
        var h = Highlight("quantum", "Quantum", abstractText);
        Assert.Equal("<mark>Quantum</mark>", h.TitleHtml);
        Assert.StartsWith("Short &lt;b&gt;bold&lt;/b&gt; claim. filler", h.AbstractHtml);
        Assert.EndsWith(" …", h.AbstractHtml);
        Assert.True(h.AbstractHtml.Length < 400);
    }

    [Fact]
    public void Highlight_LongAbstract_GivesPassagesAroundTheMatchesInOrder()
    {
        var filler = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet", 40));
        var abstractText = $"{filler} first quasar here. {filler} second quasar there. {filler}";
        var h = Highlight("quasar", "Nothing", abstractText);
        Assert.True(h.AbstractHtml.Length < abstractText.Length / 3);
        var first = h.AbstractHtml.IndexOf("first <mark>quasar</mark>", StringComparison.Ordinal);
        var second = h.AbstractHtml.IndexOf("second <mark>quasar</mark>", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, h.AbstractHtml);
        Assert.Contains(" … ", h.AbstractHtml);
    }

    [Fact]
    public void Highlight_FiltersAndEmptyText_MarkNothing()
    {
        var h = Highlight("author:hinton year:2024", "Hinton <3", "");
        Assert.Equal("Hinton &lt;3", h.TitleHtml);
        Assert.Equal("", h.AbstractHtml);
    }
}
