using System.Xml;
using System.Xml.Linq;

namespace Paperboy.Import.OaiPmh;

/// <summary>One ListRecords response: its records (or rejections), the deleted count, and where the list goes on.</summary>
public sealed record OaiPage(List<ImportItem> Items, int Deleted, OaiError? Error, string? ResumptionToken,
    long? CompleteListSize, long? Cursor)
{
    public int Records => Items.Count + Deleted;
}

/// <summary>An OAI-PMH <c>&lt;error code="..."&gt;</c> answer.</summary>
public sealed record OaiError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>
/// Reads an OAI-PMH ListRecords response with <see cref="XmlReader"/>, one record at a time: only the current
/// record is materialised (as a small <see cref="XElement"/>) to hand to its metadata format's mapping.
/// </summary>
public static class OaiPageReader
{
    public static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        XmlResolver = null,
    };

    /// <param name="page">Names the page in rejections and errors: <c>page 2:record 17</c>.</param>
    public static OaiPage Read(Stream body, string page)
    {
        var items = new List<ImportItem>();
        var deleted = 0;
        var number = 0;
        OaiError? error = null;
        string? token = null;
        long? size = null, cursor = null;
        try
        {
            using var reader = XmlReader.Create(body, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "OAI-PMH" || reader.NamespaceURI != Oai.NamespaceName)
                throw new HarvestException($"{page}: the answer is not an OAI-PMH response (it starts with <{reader.Name}>)");
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != Oai.NamespaceName)
                {
                    reader.Read();
                    continue;
                }
                switch (reader.LocalName)
                {
                    case "record":
                        var record = ReadRecord(reader);
                        var where = new SourceLocation(page, ++number, IsLine: false);
                        if (record is null) items.Add(ImportItem.Bad(where, $"the record nests elements more than {MaxDepth} deep"));
                        else if (IsDeleted(record)) deleted++;
                        else items.Add(MetadataFormats.Map(record, where));
                        break;
                    case "resumptionToken":
                        size = Number(reader.GetAttribute("completeListSize"));
                        cursor = Number(reader.GetAttribute("cursor"));
                        token = reader.ReadElementContentAsString().Trim() is { Length: > 0 } t ? t : null;
                        break;
                    case "error":
                        var code = PaperMerge.Clean(reader.GetAttribute("code")) ?? "unknown";
                        var message = PaperMerge.Clean(reader.ReadElementContentAsString()) ?? "(no message)";
                        error ??= new OaiError(code, message); // a server may list several; the first says enough
                        break;
                    default:
                        reader.Read();
                        break;
                }
            }
        }
        catch (Exception e) when (BrokenXml.Is(e))
        {
            // The message quotes the bad characters, line breaks too; a harvest error is printed as one line.
            throw new HarvestException($"{page}: the answer is not well-formed XML ({RecordError.Shorten(BrokenXml.Message(e), 300)})");
        }
        return new OaiPage(items, deleted, error, token, size, cursor);
    }

    /// <summary>
    /// arXiv's records nest six elements deep. <see cref="XNode.ReadFrom"/> takes time quadratic in the depth
    /// (40,000 levels: six seconds) and reading an element's text recurses once a level (100,000 levels overflow
    /// the stack and end the process), so a record is built here, level by level, and refused past this depth.
    /// </summary>
    private const int MaxDepth = 100;

    /// <summary>The record the reader is on, as an element, and the reader moved past it; null when it nests too deep.</summary>
    private static XElement? ReadRecord(XmlReader reader)
    {
        XElement? built;
        using (var record = reader.ReadSubtree()) built = Build(record); // Build reads the record to its end tag
        reader.Read(); // off the record's end tag (or its empty tag), where the subtree leaves the reader
        return built;
    }

    private static XElement? Build(XmlReader record)
    {
        record.Read();
        var root = Start(record);
        if (record.IsEmptyElement) return root;
        var open = new Stack<XElement>([root]);
        while (record.Read())
        {
            switch (record.NodeType)
            {
                case XmlNodeType.Element when open.Count >= MaxDepth:
                    // Read to the record's end here: disposing the subtree would swallow a syntax error further on
                    // and leave the page's reader in its error state, where Read returns false for ever.
                    while (record.Read()) { }
                    return null;
                case XmlNodeType.Element:
                    var child = Start(record);
                    open.Peek().Add(child);
                    if (!record.IsEmptyElement) open.Push(child);
                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    open.Peek().Add(new XText(record.Value));
                    break;
            }
        }
        return root;
    }

    /// <summary>An element with its attributes; namespace declarations are left out, as names carry their namespace.</summary>
    private static XElement Start(XmlReader r)
    {
        var e = new XElement(XName.Get(r.LocalName, r.NamespaceURI));
        for (var more = r.MoveToFirstAttribute(); more; more = r.MoveToNextAttribute())
            if (r.NamespaceURI != XNamespace.Xmlns.NamespaceName) e.SetAttributeValue(XName.Get(r.LocalName, r.NamespaceURI), r.Value);
        r.MoveToElement();
        return e;
    }

    private static bool IsDeleted(XElement record) =>
        record.Element(Oai + "header")?.Attribute("status")?.Value == "deleted";

    private static long? Number(string? s) => long.TryParse(s, out var n) ? n : null;
}
