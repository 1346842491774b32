using System.Text;

namespace Paperboy.Exports;

/// <summary>Text as every export writes it: one line, single spaces, no control characters.</summary>
public static class ExportText
{
    /// <summary>
    /// Whitespace runs (line breaks included) become one space and control characters go: no format here lets a
    /// field span lines safely (a line break in RIS would start a new tag, in Markdown a new block).
    /// </summary>
    public static string Line(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (char.IsControl(c) || c is '\uFEFF') continue;
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A file name from free text: ASCII letters, digits and hyphens, never empty.</summary>
    public static string FileName(string text, string fallback) =>
        Community.Collections.CollectionSlugs.FromName(text, fallback);
}
