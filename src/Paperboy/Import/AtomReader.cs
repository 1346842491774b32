using System.Globalization;
using System.Text;
using System.Xml;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// Reads arXiv API responses (<c>export.arxiv.org/api/query</c>, Atom), one <c>&lt;entry&gt;</c> at a time,
/// located by the line it starts on. arXiv reports a bad query as an entry with an id under
/// <c>http://arxiv.org/api/errors</c>; such an entry is rejected with arXiv's message. Broken XML ends the
/// file with one rejection at the line the parser stopped, after the entries before it.
/// </summary>
public static class AtomReader
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string Arxiv = "http://arxiv.org/schemas/atom";
    private const string ErrorIdPrefix = "http://arxiv.org/api/errors";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true, CloseInput = false,
    };

    public static IEnumerable<ImportItem> Read(InputFile file) => Read(file.Content, file.Name);

    /// <summary>Reads a response held in memory (a live API answer); <paramref name="name"/> locates errors.</summary>
    public static IEnumerable<ImportItem> Read(Stream content, string name)
    {
        var (xml, failure) = Open(content, name);
        if (xml is null)
        {
            yield return failure;
            yield break;
        }
        using (xml)
        {
            var broken = false;
            while (!broken && Next(xml, name, ref broken) is { } item) yield return item;
        }
    }

    /// <summary>Create already reads the first bytes to find the encoding, so a bad start fails here, not in <see cref="Next"/>.</summary>
    private static (XmlReader? Xml, ImportItem Failure) Open(Stream content, string name)
    {
        try
        {
            return (XmlReader.Create(content, Settings), default);
        }
        catch (Exception e) when (BrokenXml.Is(e))
        {
            return (null, Malformed(name, e));
        }
    }

    // An answer that fails before the parser has counted a line (empty, a bad first byte) fails at line 1 of the file.
    private static ImportItem Malformed(string file, Exception e) =>
        ImportItem.Bad(new SourceLocation(file, BrokenXml.Line(e)), $"malformed XML: {RecordError.Shorten(BrokenXml.Message(e), 300)} (the rest of the file is skipped)");

    /// <summary>Reads on to the next entry and maps it; null at the end of the document.</summary>
    private static ImportItem? Next(XmlReader xml, string file, ref bool broken)
    {
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "entry" || xml.NamespaceURI != Atom) continue;
                var where = new SourceLocation(file, ((IXmlLineInfo)xml).LineNumber);
                using var entry = xml.ReadSubtree();
                return Entry(entry, where);
            }
            return null;
        }
        catch (Exception e) when (BrokenXml.Is(e))
        {
            broken = true;
            return Malformed(file, e);
        }
    }

    private static ImportItem Entry(XmlReader x, SourceLocation where)
    {
        try { return ImportItem.Ok(where, Paper(x)); }
        catch (RecordError e) { return ImportItem.Bad(where, e.Message); }
    }

    private static PaperRecord Paper(XmlReader x)
    {
        string? id = null, title = null, summary = null, comment = null, journalRef = null, doi = null, doiLink = null, primary = null;
        DateTime? published = null, updated = null;
        var authors = new List<string>();
        var categories = new List<string>();
        x.Read(); // onto <entry> itself,
        x.Read(); // then its first child
        while (!x.EOF)
        {
            if (x.NodeType != XmlNodeType.Element) { x.Read(); continue; }
            switch ((x.NamespaceURI, x.LocalName))
            {
                case (Atom, "id"): id = Text(x); break;
                case (Atom, "title"): title = Text(x); break;
                case (Atom, "summary"): summary = Text(x); break;
                case (Atom, "published"): published = Time(Text(x), "published"); break;
                case (Atom, "updated"): updated = Time(Text(x), "updated"); break;
                case (Atom, "author"): x.Read(); break; // into it, for its <name>
                case (Atom, "name"): authors.Add(Text(x)); break;
                case (Atom, "category"):
                    if (x.GetAttribute("term") is { Length: > 0 } term) categories.Add(term);
                    x.Skip();
                    break;
                case (Arxiv, "primary_category"): primary = x.GetAttribute("term"); x.Skip(); break;
                case (Arxiv, "comment"): comment = Text(x); break;
                case (Arxiv, "journal_ref"): journalRef = Text(x); break;
                case (Arxiv, "doi"): doi = Text(x); break;
                case (Atom, "link"): doiLink ??= DoiFromLink(x.GetAttribute("href")); x.Skip(); break;
                default: x.Skip(); break;
            }
        }

        if (id?.Trim() is { } errorId && errorId.StartsWith(ErrorIdPrefix, StringComparison.OrdinalIgnoreCase))
            throw new RecordError($"arXiv API error: {RecordError.Shorten(PaperMerge.Clean(summary) ?? PaperMerge.Clean(title) ?? errorId, 300)}");
        if (string.IsNullOrWhiteSpace(id)) throw new RecordError("missing <id>");
        if (!ArxivId.TryParse(id, out var arxivId, out var version)) throw new RecordError($"<id> is not an arXiv id: {RecordError.Quote(id.Trim())}");
        if (string.IsNullOrWhiteSpace(title)) throw new RecordError("missing <title>");

        if (primary is not null)
        {
            categories.Remove(primary);
            categories.Insert(0, primary);
        }
        return new PaperRecord
        {
            ArxivId = arxivId, Version = version, Title = title, Abstract = summary, Authors = authors,
            Categories = categories, PublishedAt = published, UpdatedAt = updated,
            Comment = comment, JournalRef = journalRef, Doi = doi ?? doiLink,
        };
    }

    /// <summary>
    /// A field's text, read to its end tag. A field holding elements is well-formed XML that arXiv never writes:
    /// that entry is rejected and the entries after it are still read. Broken XML throws from the parser here, as
    /// anywhere, and ends the file.
    /// </summary>
    private static string Text(XmlReader x)
    {
        var name = x.Name;
        if (x.IsEmptyElement)
        {
            x.Read();
            return "";
        }
        var depth = x.Depth;
        var text = new StringBuilder();
        var elements = false;
        while (x.Read() && x.Depth > depth)
        {
            if (x.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace) text.Append(x.Value);
            else if (x.NodeType == XmlNodeType.Element) elements = true;
        }
        x.Read(); // past the end tag
        return elements ? throw new RecordError($"<{name}> holds elements, where arXiv writes text") : text.ToString();
    }

    private static DateTime Time(string text, string element) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t : throw new RecordError($"<{element}> is not a date and time: {RecordError.Quote(text.Trim())}");

    /// <summary>arXiv links the DOI as <c>https://doi.org/10.1103/...</c> (older responses: <c>http://dx.doi.org/</c>).</summary>
    private static string? DoiFromLink(string? href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Host is "doi.org" or "dx.doi.org" && uri.AbsolutePath.Length > 1
            ? Uri.UnescapeDataString(uri.AbsolutePath[1..]) : null;
}
