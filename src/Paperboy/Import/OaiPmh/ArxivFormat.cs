using System.Xml.Linq;

namespace Paperboy.Import.OaiPmh;

/// <summary>
/// metadataPrefix <c>arXiv</c>: structured authors (keyname, forenames, suffix), created and updated days.
/// It names no version, so the record carries version 0 ("not said").
/// </summary>
internal static class ArxivFormat
{
    public static readonly XNamespace Ns = "http://arxiv.org/OAI/arXiv/";

    public static PaperRecord Map(XElement m, string? headerIdentifier)
    {
        var (id, version) = OaiFields.Id(m.Element(Ns + "id")?.Value, headerIdentifier);
        return new PaperRecord
        {
            ArxivId = id,
            Version = version,
            Title = OaiFields.Title(m.Element(Ns + "title")),
            Abstract = OaiFields.Text(m.Element(Ns + "abstract")),
            Authors = OaiFields.NullIfEmpty(m.Element(Ns + "authors")?.Elements(Ns + "author").Select(Name).OfType<string>().ToList() ?? []),
            Categories = OaiFields.Words(m.Element(Ns + "categories")),
            PublishedAt = OaiFields.Day(m.Element(Ns + "created")?.Value, "created"),
            UpdatedAt = OaiFields.Day(m.Element(Ns + "updated")?.Value, "updated"),
            Comment = OaiFields.Text(m.Element(Ns + "comments")),
            JournalRef = OaiFields.Text(m.Element(Ns + "journal-ref")),
            Doi = OaiFields.Text(m.Element(Ns + "doi")),
        };
    }

    // Collaborations have a keyname only; affiliations are left out, as every other source does.
    private static string? Name(XElement a) => PaperMerge.Clean(string.Join(" ",
        new[] { "forenames", "keyname", "suffix" }.Select(n => a.Element(Ns + n)?.Value).OfType<string>()));
}
