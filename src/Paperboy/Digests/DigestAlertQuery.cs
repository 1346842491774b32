using System.Globalization;
using Paperboy.Search;
using Paperboy.Search.Keyword;

namespace Paperboy.Digests;

/// <summary>
/// One alert a subscriber follows, cleaned: what the reader sees (<see cref="Label"/>), and what identifies the same
/// alert across subscribers (<see cref="Key"/>, so each is looked up once per period).
/// </summary>
internal sealed record DigestAlertQuery(string Kind, string Label, string Key, string Value)
{
    public static DigestAlertQuery? Category(string raw)
    {
        var category = DigestPapers.OneLine(raw);
        return category.Length == 0 ? null
            : new(DigestAlertKinds.Category, category, "category:" + category.ToLowerInvariant(), category);
    }

    public static DigestAlertQuery? Search(string raw)
    {
        var text = DigestPapers.OneLine(raw);
        return text.Length == 0 ? null : new(DigestAlertKinds.Search, $"“{text}”", "search:" + text, text);
    }

    /// <summary>An author followed by whole name; quotes would end the <c>author:"…"</c> filter early, so they go.</summary>
    public static DigestAlertQuery? Author(string raw)
    {
        var name = DigestPapers.OneLine(raw.Replace('"', ' '));
        return name.Any(char.IsLetterOrDigit)
            ? new(DigestAlertKinds.Author, name, "author:" + KeywordFields.AuthorKeyOf(name), name)
            : null;
    }

    /// <summary>
    /// A saved search in the search box's syntax, limited to the period's publication days, which come first: a search
    /// near <see cref="SearchQuery.MaxLength"/> is cut at its end, never at the dates.
    /// </summary>
    public string SearchText(DigestPeriod period) =>
        $"date:{period.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{period.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Value}";

    /// <summary>Whether the saved search asks for something: one of punctuation alone would match every paper of the period.</summary>
    public static bool Means(SearchQuery q) =>
        q.HasText || q.Authors.Count > 0 || q.Categories.Count > 0 || q.HasCode || q.ArxivIds.Count > 0;
}
