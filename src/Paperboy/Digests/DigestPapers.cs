using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Digests;

/// <summary>Papers as digests show them, loaded the way every list loads its cards (hidden papers left out).</summary>
internal static class DigestPapers
{
    /// <summary>Characters of the abstract a digest quotes, at most (the ellipsis aside).</summary>
    public const int ExcerptLength = 250;

    /// <summary>The visible papers among <paramref name="paperIds"/>, keyed by row id; hidden and unknown ones are absent.</summary>
    public static async Task<Dictionary<long, DigestPaper>> LoadAsync(AppDbContext db, IReadOnlyList<long> paperIds, string origin, CancellationToken ct)
    {
        var views = await PaperCards.ByIdAsync(db, paperIds, ct);
        return views.ToDictionary(v => v.Key, v => From(v.Value.ArxivId, v.Value.Title, v.Value.Authors, v.Value.Abstract, v.Value.Feed?.Upvotes ?? 0, origin));
    }

    public static DigestPaper From(string arxivId, string title, IReadOnlyList<string> authors, string abstractText, int upvotes, string origin) =>
        new(arxivId, OneLine(title), authors.Select(OneLine).Where(a => a.Length > 0).ToList(), Excerpt(abstractText), upvotes,
            DigestLinks.Paper(origin, arxivId));

    /// <summary>
    /// The opening of an abstract as one line of plain text: whitespace (hard wraps included) collapsed, cut at the
    /// last word boundary before <paramref name="length"/> characters, with an ellipsis when something was cut.
    /// </summary>
    public static string Excerpt(string text, int length = ExcerptLength)
    {
        var line = OneLine(text);
        if (line.Length <= length) return line;
        var cut = line.LastIndexOf(' ', length);
        // A single enormous "word" (a URL, a formula) is cut where it stands rather than dropped whole.
        if (cut < length / 2) cut = char.IsHighSurrogate(line[length - 1]) ? length - 1 : length;
        return line[..cut].TrimEnd(' ', ',', ';', ':', '.', '-', '(') + "…";
    }

    /// <summary>Text on one line: control characters (CR and LF included) and runs of whitespace become one space.</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var chars = new char[text.Length];
        var n = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = n > 0;
                continue;
            }
            if (space) chars[n++] = ' ';
            space = false;
            chars[n++] = c;
        }
        return new string(chars, 0, n);
    }
}
