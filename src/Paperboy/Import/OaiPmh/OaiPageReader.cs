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
                        var record = (XElement)XNode.ReadFrom(reader);
                        var where = new SourceLocation(page, ++number, IsLine: false);
                        if (IsDeleted(record)) deleted++;
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
        catch (XmlException e)
        {
            // The message quotes the bad characters, line breaks too; a harvest error is printed as one line.
            throw new HarvestException($"{page}: the answer is not well-formed XML ({RecordError.Shorten(e.Message, 300)})");
        }
        return new OaiPage(items, deleted, error, token, size, cursor);
    }

    private static bool IsDeleted(XElement record) =>
        record.Element(Oai + "header")?.Attribute("status")?.Value == "deleted";

    private static long? Number(string? s) => long.TryParse(s, out var n) ? n : null;
}
