namespace Paperboy.Exports;

/// <summary>
/// BibTeX keys in Google Scholar's style: the first author's family name, the year and the first significant word
/// of the title (<c>vaswani2017attention</c>), in lower-case ASCII letters and digits only, so that every LaTeX
/// setup and every tool accepts them. Keys are unique within one file: papers that would share a key all get a
/// letter (<c>...a</c>, <c>...b</c>, ..., <c>...z</c>, <c>...aa</c>), in the file's order, and no lettered key
/// takes the plain key of another paper.
/// </summary>
public static class CitationKeys
{
    private const int MaxPart = 24;

    /// <summary>Words a key skips at the start of a title, as Google Scholar does.</summary>
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "by", "at", "from", "towards", "toward", "via",
        "is", "are", "do", "does", "can", "how", "what", "why", "when", "we",
    ];

    public static List<string> For(IReadOnlyList<Citation> citations)
    {
        var plain = citations.Select(Plain).ToList();
        var shared = plain.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var used = plain.Where(k => !shared.Contains(k)).ToHashSet();
        var next = new Dictionary<string, int>();
        var keys = new List<string>(plain.Count);
        foreach (var key in plain)
        {
            if (!shared.Contains(key))
            {
                keys.Add(key);
                continue;
            }
            string lettered;
            do
            {
                var n = next.GetValueOrDefault(key);
                next[key] = n + 1;
                lettered = key + Letters(n);
            } while (!used.Add(lettered));
            keys.Add(lettered);
        }
        return keys;
    }

    /// <summary>The key before any letter is added; <c>arxiv</c> stands in for a name without Latin letters.</summary>
    private static string Plain(Citation c)
    {
        var first = c.Authors.Count > 0 ? c.Authors[0] : null;
        // A group is keyed by its first word (ATLAS Collaboration: atlas); a person by the whole family name (vanbeethoven).
        var name = first is null ? "" : Ascii(first.IsWhole ? first.Family.Split(' ')[0] : first.Family);
        var word = c.Title.Split(' ').Select(Ascii).FirstOrDefault(w => w.Length > 0 && !StopWords.Contains(w)) ?? "";
        return (name.Length > 0 ? name : "arxiv") + c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + word;
    }

    /// <summary>Lower-case ASCII letters and digits: accents folded (Kovač: kovac), everything else dropped.</summary>
    private static string Ascii(string text)
    {
        var folded = Community.Collections.CollectionSlugs.FromName(text, "").Replace("-", "");
        return folded.Length > MaxPart ? folded[..MaxPart] : folded;
    }

    /// <summary>0 is a, 25 is z, 26 is aa: the letters of a spreadsheet column, in lower case.</summary>
    private static string Letters(int n) => n < 26 ? ((char)('a' + n)).ToString() : Letters(n / 26 - 1) + (char)('a' + n % 26);
}
