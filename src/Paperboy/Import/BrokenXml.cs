using System.Xml;

namespace Paperboy.Import;

/// <summary>Which exceptions from reading XML mean the document is broken, as opposed to a fault of ours.</summary>
public static class BrokenXml
{
    /// <summary>
    /// An <see cref="XmlException"/>, or the parser's own crash on some malformed starts: a byte order mark inside
    /// the XML declaration makes <c>XmlTextReaderImpl</c> copy a negative count and throw
    /// <see cref="ArgumentOutOfRangeException"/> (.NET 10). Either way the document cannot be read.
    /// </summary>
    public static bool Is(Exception e) =>
        e is XmlException ||
        e is ArgumentOutOfRangeException && e.StackTrace?.Contains("System.Xml.XmlTextReaderImpl", StringComparison.Ordinal) == true;

    /// <summary>The parser's message; a crash of the parser is reported as what it means for the reader.</summary>
    public static string Message(Exception e) =>
        e is XmlException ? e.Message : "the XML parser could not read the document's start (a broken XML declaration?)";

    /// <summary>Where the document broke, as a line of the file (line 1 when the parser had not counted one).</summary>
    public static int Line(Exception e) => Math.Max(1, (e as XmlException)?.LineNumber ?? 1);
}
