using System.Net;
using Lucene.Net.Analysis;
using Lucene.Net.Search.Highlight;

namespace Paperboy.Search.Keyword;

/// <summary>
/// Marks a query's words in a title and an abstract, analysed as the index analyses them (so "networks" marks
/// "Network"). Every character of the text goes through the HTML encoder; only the highlighter's own
/// <c>&lt;mark&gt;</c> tags are markup.
/// </summary>
internal sealed class KeywordHighlighter(Analyzer analyzer, KeywordQueries queries)
{
    private const int FragmentChars = 180;
    private const int MaxFragments = 3;
    // Without a match, the abstract's opening: about two lines of a result list.
    private const int LeadChars = 300;

    public KeywordHighlight Highlight(SearchQuery q, string? title, string? abstractText)
    {
        title ??= "";
        abstractText ??= "";
        var titleHtml = Mark(q, KeywordFields.Title, title, new NullFragmenter(), 1) ?? Encode(title);
        var abstractHtml = Mark(q, KeywordFields.Abstract, abstractText, null, MaxFragments) ?? Encode(Lead(abstractText));
        return new KeywordHighlight(titleHtml, abstractHtml);
    }

    private string? Mark(SearchQuery q, string field, string text, IFragmenter? fragmenter, int fragments)
    {
        if (text.Length == 0 || queries.Matching(q, field) is not { } query) return null;
        var scorer = new QueryScorer(query, field);
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), HtmlText.Instance, scorer)
        {
            TextFragmenter = fragmenter ?? new SimpleSpanFragmenter(scorer, FragmentChars),
            MaxDocCharsToAnalyze = Math.Max(text.Length, Highlighter.DEFAULT_MAX_CHARS_TO_ANALYZE),
        };
        using var tokens = analyzer.GetTokenStream(field, text);
        var best = highlighter.GetBestTextFragments(tokens, text, mergeContiguousFragments: true, fragments)
            .Where(f => f is not null && f.Score > 0)
            .OrderBy(f => f.FragNum)
            .Select(f => f.ToString().Trim())
            .ToList();
        return best.Count == 0 ? null : string.Join(" … ", best);
    }

    private static string Lead(string text)
    {
        if (text.Length <= LeadChars) return text;
        var cut = text.LastIndexOf(' ', LeadChars);
        return text[..(cut > LeadChars / 2 ? cut : LeadChars)].TrimEnd() + " …";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Lucene's own HTML encoder leaves apostrophes as they are; this one encodes them too.</summary>
    private sealed class HtmlText : IEncoder
    {
        public static readonly HtmlText Instance = new();

        public string EncodeText(string originalText) => WebUtility.HtmlEncode(originalText);
    }
}
