using System.Globalization;
using System.Xml.Linq;
using Paperboy.Papers;

namespace Paperboy.Import.OaiPmh;

/// <summary>
/// Picks a record's mapping by its metadata's namespace (what the server sent, whatever was asked for) and turns
/// a record that cannot be mapped into a rejection that says where and why.
/// </summary>
public static class MetadataFormats
{
    private static readonly Dictionary<string, Func<XElement, string?, PaperRecord>> ByNamespace = new()
    {
        [ArxivFormat.Ns.NamespaceName] = ArxivFormat.Map,
        [ArxivRawFormat.Ns.NamespaceName] = ArxivRawFormat.Map,
        [DublinCoreFormat.OaiDc.NamespaceName] = DublinCoreFormat.Map,
    };

    public static ImportItem Map(XElement record, SourceLocation where)
    {
        var oai = OaiPageReader.Oai;
        var identifier = PaperMerge.Clean(record.Element(oai + "header")?.Element(oai + "identifier")?.Value);
        var label = identifier is null ? "" : $"{identifier}: ";
        var metadata = record.Element(oai + "metadata")?.Elements().FirstOrDefault();
        if (metadata is null) return ImportItem.Bad(where, $"{label}no metadata");
        if (!ByNamespace.TryGetValue(metadata.Name.NamespaceName, out var map))
            return ImportItem.Bad(where, $"{label}unsupported metadata format <{metadata.Name.LocalName} xmlns=\"{metadata.Name.NamespaceName}\">");
        try
        {
            return ImportItem.Ok(where, map(metadata, identifier));
        }
        catch (FormatException e)
        {
            return ImportItem.Bad(where, label + e.Message);
        }
    }
}

/// <summary>Field readers shared by the three mappings; each throws <see cref="FormatException"/> with a reason.</summary>
internal static class OaiFields
{
    /// <summary>The arXiv id from the metadata, else from the header's <c>oai:arXiv.org:ID</c>.</summary>
    public static (string Id, int Version) Id(string? fromMetadata, string? headerIdentifier)
    {
        var candidate = PaperMerge.Clean(fromMetadata) ?? headerIdentifier;
        if (candidate is null) throw new FormatException("no arXiv id");
        return ArxivId.TryParse(candidate, out var id, out var version)
            ? (id, version)
            : throw new FormatException($"'{candidate}' is not an arXiv id");
    }

    public static string Title(XElement? e) => Text(e) ?? throw new FormatException("no title");

    public static string? Text(XElement? e) => PaperMerge.Clean(e?.Value);

    /// <summary>Space-separated words (arXiv's category lists, primary first); null when there are none.</summary>
    public static List<string>? Words(XElement? e) =>
        Text(e)?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList() is { Count: > 0 } words ? words : null;

    public static List<T>? NullIfEmpty<T>(List<T> list) => list.Count > 0 ? list : null;

    /// <summary>An OAI-PMH day (<c>2023-03-07</c>) as midnight UTC.</summary>
    public static DateTime? Day(string? text, string field) => Date(text, field, "yyyy-MM-dd");

    public static DateTime? Date(string? text, string field, string format)
    {
        var s = PaperMerge.Clean(text);
        if (s is null) return null;
        return DateTime.TryParseExact(s, format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc)
            : throw new FormatException($"bad {field} date '{s}'");
    }
}
