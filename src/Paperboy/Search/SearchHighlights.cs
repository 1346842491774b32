using Paperboy.Search.Keyword;

namespace Paperboy.Search;

/// <summary>
/// The marked-up title and abstract of each result, by arXiv id, handed to the cards in ViewData. The HTML is the
/// highlighter's: the paper's text encoded, with only <c>&lt;mark&gt;</c> around the matches.
/// </summary>
public sealed record SearchHighlights(IReadOnlyDictionary<string, KeywordHighlight> ByArxivId)
{
    public const string ViewDataKey = "SearchHighlights";
}
