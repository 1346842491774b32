using System.Xml.Linq;
using Paperboy.Papers;

namespace Paperboy.Import.OaiPmh;

/// <summary>
/// metadataPrefix <c>oai_dc</c>, as arXiv fills it: identifiers hold the abs URL, <c>doi:...</c> and the journal
/// reference; the first description is the abstract and one starting "Comment:" the comments; the first date is
/// v1's, the last the latest version's; subjects are category names ("Computer Science - Robotics"), mapped
/// back to codes. It names no version, so the record carries version 0 ("not said").
/// </summary>
internal static class DublinCoreFormat
{
    public static readonly XNamespace OaiDc = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private const string CommentPrefix = "Comment:";

    public static PaperRecord Map(XElement m, string? headerIdentifier)
    {
        var identifiers = Values(m, "identifier");
        var absUrl = identifiers.FirstOrDefault(i => IsUrl(i) && ArxivId.TryParse(i, out _));
        var (id, version) = OaiFields.Id(absUrl, headerIdentifier);
        var descriptions = Values(m, "description");
        var dates = Values(m, "date");
        return new PaperRecord
        {
            ArxivId = id,
            Version = version,
            Title = OaiFields.Title(m.Element(Dc + "title")),
            Abstract = descriptions.FirstOrDefault(d => !IsComment(d)),
            Authors = OaiFields.NullIfEmpty(Values(m, "creator").Select(Name).OfType<string>().ToList()),
            Categories = OaiFields.NullIfEmpty(Values(m, "subject").Select(ArxivSubjects.Code).OfType<string>().Distinct().ToList()),
            PublishedAt = OaiFields.Day(dates.FirstOrDefault(), "dc:date"),
            UpdatedAt = dates.Count > 1 ? OaiFields.Day(dates[^1], "dc:date") : null,
            Comment = descriptions.Where(IsComment).Select(d => PaperMerge.Clean(d[CommentPrefix.Length..])).FirstOrDefault(),
            JournalRef = identifiers.FirstOrDefault(i => !IsUrl(i) && !IsDoi(i)),
            Doi = OaiFields.NullIfEmpty(identifiers.Where(IsDoi).Select(d => d["doi:".Length..].Trim()).ToList()) is { } dois
                ? string.Join(" ", dois) : null,
        };
    }

    private static List<string> Values(XElement m, string name) =>
        m.Elements(Dc + name).Select(e => PaperMerge.Clean(e.Value)).OfType<string>().ToList();

    private static bool IsUrl(string s) => s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    private static bool IsDoi(string s) => s.StartsWith("doi:", StringComparison.OrdinalIgnoreCase);
    private static bool IsComment(string s) => s.StartsWith(CommentPrefix, StringComparison.Ordinal);

    /// <summary>"Last, First" -> "First Last"; "Last, Jr., First" -> "First Last Jr."; a collaboration stays as it is.</summary>
    private static string? Name(string creator)
    {
        if (!creator.Any(char.IsLetter)) return null; // arXiv has a few stray creators such as "."
        var parts = creator.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            [var last, var first] => $"{first} {last}",
            [var last, var suffix, var first] => $"{first} {last} {suffix}",
            _ => creator,
        };
    }
}
