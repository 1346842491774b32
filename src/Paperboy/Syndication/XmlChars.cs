using System.Text;
using System.Xml;

namespace Paperboy.Syndication;

/// <summary>
/// Text as XML 1.0 can hold it. Titles and abstracts come from imports and members and may carry characters no
/// XML document may contain (U+0000 to U+001F but tab and line breaks, lone surrogates, U+FFFE, U+FFFF), which an
/// <see cref="XmlWriter"/> refuses with an exception: they become spaces. Markup characters are left alone, since
/// the writer escapes them.
/// </summary>
public static class XmlChars
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var first = FirstInvalid(text);
        if (first < 0) return text;
        var s = new StringBuilder(text.Length);
        s.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
                s.Append(c).Append(text[++i]);
            else
                s.Append(XmlConvert.IsXmlChar(c) ? c : ' ');
        }
        return s.ToString();
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
