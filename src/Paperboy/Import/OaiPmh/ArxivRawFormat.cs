using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Paperboy.Import.OaiPmh;

/// <summary>
/// metadataPrefix <c>arXivRaw</c>: every version with its submission time, and the authors as one string
/// (<c>A (Affil), B and C</c>). The latest version gives the version number and <see cref="PaperRecord.UpdatedAt"/>.
/// </summary>
internal static partial class ArxivRawFormat
{
    public static readonly XNamespace Ns = "http://arxiv.org/OAI/arXivRaw/";

    // "Wed, 23 Jan 2008 21:06:41 GMT"; the day of the month has one digit or two.
    private const string VersionDate = "ddd, d MMM yyyy HH:mm:ss 'GMT'";

    private static readonly HashSet<string> Suffixes = ["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];

    public static PaperRecord Map(XElement m, string? headerIdentifier)
    {
        var (id, _) = OaiFields.Id(m.Element(Ns + "id")?.Value, headerIdentifier);
        var versions = m.Elements(Ns + "version")
            .Select(v => (Number: VersionNumber(v.Attribute("version")?.Value), Date: OaiFields.Date(v.Element(Ns + "date")?.Value, "version", VersionDate)))
            .OrderBy(v => v.Number)
            .ToList();
        return new PaperRecord
        {
            ArxivId = id,
            Version = versions.Count > 0 ? versions[^1].Number : 0,
            Title = OaiFields.Title(m.Element(Ns + "title")),
            Abstract = OaiFields.Text(m.Element(Ns + "abstract")),
            Authors = SplitAuthors(m.Element(Ns + "authors")?.Value),
            Categories = OaiFields.Words(m.Element(Ns + "categories")),
            PublishedAt = versions.Count > 0 ? versions[0].Date : null,
            // Like the arXiv format's <updated>: only a paper with a later version has one.
            UpdatedAt = versions.Count > 1 ? versions[^1].Date : null,
            Comment = OaiFields.Text(m.Element(Ns + "comments")),
            JournalRef = OaiFields.Text(m.Element(Ns + "journal-ref")),
            Doi = OaiFields.Text(m.Element(Ns + "doi")),
        };
    }

    private static int VersionNumber(string? v) =>
        v is ['v', .. var digits] && int.TryParse(digits, out var n) && n > 0 ? n : throw new FormatException($"bad version '{v}'");

    /// <summary>
    /// "A (X, Y), B and C" -> [A, B, C]. Affiliations sit in parentheses (sometimes nested) and are dropped;
    /// names are split at commas and at "and"; a split-off "Jr." goes back to its name.
    /// </summary>
    internal static List<string>? SplitAuthors(string? text)
    {
        if (text is null) return null;
        var outside = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (depth == 0) outside.Append(c);
        }
        var names = new List<string>();
        foreach (var part in Separator().Split(outside.ToString()))
        {
            if (PaperMerge.Clean(part) is not { } name) continue;
            if (names.Count > 0 && Suffixes.Contains(name)) names[^1] += " " + name;
            else names.Add(name);
        }
        return OaiFields.NullIfEmpty(names);
    }

    [GeneratedRegex(@",|\s+and\s+")]
    private static partial Regex Separator();
}
