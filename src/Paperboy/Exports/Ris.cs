using System.Globalization;
using System.Text;
using Paperboy.Papers;

namespace Paperboy.Exports;

/// <summary>
/// RIS records, one a paper: <c>TAG  - value</c> lines ended by CRLF as the specification asks, a record opened by
/// TY and closed by ER. A preprint is GEN (generic): RIS has no type for it, and ELEC means a web page. Names are
/// "Family, Given, Suffix"; every value is one line, so no text can start a tag of its own.
/// </summary>
public static class Ris
{
    private const string Eol = "\r\n";

    public static string Write(IReadOnlyList<PaperView> papers)
    {
        var sb = new StringBuilder();
        foreach (var paper in papers)
        {
            if (sb.Length > 0) sb.Append(Eol);
            Record(sb, Citation.From(paper));
        }
        return sb.ToString();
    }

    private static void Record(StringBuilder sb, Citation c)
    {
        Tag(sb, "TY", "GEN");
        foreach (var author in c.Authors) Tag(sb, "AU", Name(author));
        Tag(sb, "TI", c.Title);
        Tag(sb, "PY", c.Year.ToString(CultureInfo.InvariantCulture));
        if (c.Published is { } day) Tag(sb, "DA", day.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture));
        Tag(sb, "AB", c.Abstract);
        Tag(sb, "UR", c.Url);
        Tag(sb, "DO", c.Doi);
        Tag(sb, "JO", c.JournalRef);
        foreach (var category in c.Categories) Tag(sb, "KW", category);
        sb.Append("ER  - ").Append(Eol);
    }

    private static string Name(AuthorName n) =>
        n.IsWhole ? n.Family : n.Suffix is { } suffix ? $"{n.Family}, {n.Given}, {suffix}" : $"{n.Family}, {n.Given}";

    /// <summary>A tag with its value; an empty value writes no line.</summary>
    private static void Tag(StringBuilder sb, string tag, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        sb.Append(tag).Append("  - ").Append(value).Append(Eol);
    }
}
