using System.Globalization;
using System.Text.RegularExpressions;
using Paperboy.Papers;

namespace Paperboy.Exports;

/// <summary>
/// What a reference to a paper says, taken once from a <see cref="PaperView"/> for every format: text fields on one
/// line, names split, the year (from the arXiv id when no publication date is known), and a DOI only when it
/// looks like one, since formats put it in links and verbatim fields.
/// </summary>
public sealed partial record Citation(string ArxivId, string Title, IReadOnlyList<AuthorName> Authors, int Year,
    DateOnly? Published, IReadOnlyList<string> Categories, string Abstract, string? JournalRef, string? Doi)
{
    /// <summary>The arXiv abstract page without a version, which stays right when a new version comes out.</summary>
    public string Url => ArxivLinks.Abs(ArxivId);

    public string? PrimaryClass => Categories.Count > 0 ? Categories[0] : null;

    public static Citation From(PaperView p) => new(
        p.ArxivId,
        ExportText.Line(p.Title),
        p.Authors.Select(AuthorName.Parse).OfType<AuthorName>().ToList(),
        p.PublishedAt?.Year ?? YearOf(p.ArxivId),
        p.PublishedAt is { } at ? DateOnly.FromDateTime(at) : null,
        p.Categories.Select(ExportText.Line).Where(c => c.Length > 0).ToList(),
        ExportText.Line(p.Abstract),
        ExportText.Line(p.JournalRef) is { Length: > 0 } journal ? journal : null,
        DoiOf(p.Doi));

    /// <summary>The year an arXiv id was given out: <c>2401.00001</c> is 2024, <c>hep-th/9901001</c> 1999 (arXiv began in 1991).</summary>
    public static int YearOf(string arxivId)
    {
        var digits = arxivId[(arxivId.IndexOf('/') + 1)..];
        var yy = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        return yy >= 91 ? 1900 + yy : 2000 + yy;
    }

    // Registrant prefix, slash, suffix; a suffix may hold parentheses and semicolons but never spaces, braces,
    // backslashes, angle brackets or quotes, which would break out of a BibTeX field or a Markdown link.
    [GeneratedRegex(@"^10\.\d{4,9}/[^\s{}\\<>""]+$")]
    private static partial Regex DoiShape();

    /// <summary>The first DOI (arXiv lists several separated by spaces), without a resolver prefix; null when it has no DOI's shape.</summary>
    public static string? DoiOf(string? doi)
    {
        var d = ExportText.Line(doi).Split(' ')[0];
        foreach (var prefix in new[] { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:" })
            if (d.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) d = d[prefix.Length..];
        return DoiShape().IsMatch(d) ? d : null;
    }
}
