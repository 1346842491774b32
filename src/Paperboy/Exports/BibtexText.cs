using System.Text;

namespace Paperboy.Exports;

/// <summary>
/// Text inside a BibTeX field, written so that BibTeX reads it back as it was and LaTeX prints it as it was.
/// BibTeX ends a braced field at the brace that balances its opening one and does not treat <c>\}</c> as an
/// escape, so a brace in a title is written <c>\textbraceleft{}</c> / <c>\textbraceright{}</c>: every brace this
/// class writes is one of a pair it wrote itself, and no text can close a field or open one that never ends.
/// LaTeX's special characters are escaped; other letters (é, ß, 中) stay as they are, in UTF-8.
/// </summary>
public static class BibtexText
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in ExportText.Line(text))
            sb.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\textbraceleft{}",
                '}' => @"\textbraceright{}",
                '%' => @"\%",
                '&' => @"\&",
                '$' => @"\$",
                '#' => @"\#",
                '_' => @"\_",
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                // Not special to LaTeX, but its default (OT1) fonts print them as ¡, ¿ and an em dash.
                '<' => @"\textless{}",
                '>' => @"\textgreater{}",
                '|' => @"\textbar{}",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>
    /// A title, with acronyms and mixed-case words ("BERT", "ImageNet", "GPT-4", the "N" of "Large N") in braces so that styles which
    /// lower-case titles keep them as written. Words capitalised only at their start are left to the style, as
    /// arXiv's and most publishers' entries do: bracing every one would freeze Title Case in styles that use
    /// sentence case.
    /// </summary>
    public static string Title(string title) =>
        string.Join(' ', ExportText.Line(title).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => NeedsProtection(word) ? Protect(Escape(word)) : Escape(word)));

    /// <summary>A capital after the first letter, or a lone capital ("Large N Limit"): a name or symbol, not Title Case.</summary>
    private static bool NeedsProtection(string word)
    {
        var letters = word.Where(char.IsLetter).ToList();
        return letters.Skip(1).Any(char.IsUpper) || letters is [var only] && char.IsUpper(only);
    }

    /// <summary>
    /// One name of an author field. Written as the source wrote it ("Given Family") unless it needs BibTeX's comma
    /// form (a suffix, or a source that wrote "Family, Given"); a group or one-word name goes in braces, whole; a word
    /// "and" goes in braces, since BibTeX splits the field at every "and".
    /// </summary>
    public static string Name(AuthorName name)
    {
        if (name.IsWhole) return Protect(Escape(name.Family));
        if (name.Suffix is { } suffix) return $"{Part(name.Family)}, {Part(suffix)}, {Part(name.Given)}";
        return name.Text.Contains(',') ? $"{Part(name.Family)}, {Part(name.Given)}" : $"{Part(name.Given)} {Part(name.Family)}";
    }

    /// <summary>A part of a name: a comma inside it would make a fourth part (BibTeX stops at three), so such a part goes in braces.</summary>
    private static string Part(string part)
    {
        var words = Escape(part).Split(' ').Select(w => w.Equals("and", StringComparison.OrdinalIgnoreCase) ? "{" + w + "}" : w);
        var text = string.Join(' ', words);
        return text.Contains(',') ? Protect(text) : text;
    }

    /// <summary>
    /// Braces that keep BibTeX's case changes out. A group that begins with a backslash is a "special character" to
    /// BibTeX, whose case it does change, so such a group gets a second pair.
    /// </summary>
    private static string Protect(string escaped) => escaped.StartsWith('\\') ? "{{" + escaped + "}}" : "{" + escaped + "}";
}
