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

    /// <summary>An author, followed by whole name: the key is the name as the index's exact-author field keeps it.</summary>
    public static DigestAlertQuery? Author(string raw)
    {
        var name = DigestPapers.OneLine(raw);
        return name.Any(char.IsLetterOrDigit)
            ? new(DigestAlertKinds.Author, name, "author:" + KeywordFields.AuthorKeyOf(name), name)
            : null;
    }
}
