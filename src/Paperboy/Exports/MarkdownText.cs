using System.Text;

namespace Paperboy.Exports;

/// <summary>
/// Plain text made safe to put in Markdown: nothing in a title, a name or an abstract can become emphasis, a link, an
/// image, HTML, code, math, a heading's closing marks or a list. Characters with a meaning anywhere in a line are
/// escaped with a backslash (CommonMark allows that before any ASCII punctuation); the few that mean something only
/// at the start of a block (<c>-</c>, <c>+</c>, <c>=</c>, <c>1.</c>) are escaped there.
/// </summary>
public static class MarkdownText
{
    // * _ ` emphasis and code; [ ] < > links, autolinks and HTML; # heading marks; ~ ^ strike-through and
    // super/subscripts (GFM, Markdig); $ math; & entities; { } attribute blocks; | table cells.
    private const string Special = @"\`*_[]<>#~^$&{}|";

    /// <summary>Text inside a line: after a heading mark, a label, a list item's start.</summary>
    public static string Escape(string? text)
    {
        var line = ExportText.Line(text);
        var sb = new StringBuilder(line.Length + 8);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            // == and ++ mark and underline text in Markdig's extras; one alone means nothing.
            var doubled = (c is '=' or '+') && ((i > 0 && line[i - 1] == c) || (i + 1 < line.Length && line[i + 1] == c));
            if (Special.Contains(c) || doubled) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Text that starts a block (a paragraph), where a leading -, +, = or "1." would make a list or a heading.</summary>
    public static string Paragraph(string? text)
    {
        var sb = new StringBuilder(Escape(text));
        if (sb.Length > 0 && sb[0] is '-' or '+' or '=') sb.Insert(0, '\\');
        var digits = 0;
        while (digits < sb.Length && char.IsAsciiDigit(sb[digits])) digits++;
        if (digits > 0 && digits < sb.Length && sb[digits] is '.' or ')') sb.Insert(digits, '\\');
        return sb.ToString();
    }

    /// <summary>
    /// An autolink (<c>&lt;https://...&gt;</c>) to an http(s) address, or null: an address that is not absolute
    /// http(s), or that would need characters an autolink cannot hold, is not linked at all.
    /// </summary>
    public static string? Link(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        var absolute = uri.AbsoluteUri;
        return absolute.Any(c => c is '<' or '>' || char.IsWhiteSpace(c) || char.IsControl(c)) ? null : "<" + absolute + ">";
    }
}
