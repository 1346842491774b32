using System.Globalization;
using System.Text;
using Paperboy.Papers;

namespace Paperboy.Exports;

/// <summary>
/// BibTeX entries as arXiv and Google Scholar give them for preprints: <c>@misc</c> with title, authors, year,
/// eprint, archivePrefix, primaryClass and url, plus the DOI and journal reference when the paper has them. One
/// field a line, entries apart by a blank line, keys unique in the file (<see cref="CitationKeys"/>).
/// </summary>
public static class Bibtex
{
    public static string Write(IReadOnlyList<PaperView> papers)
    {
        var citations = papers.Select(Citation.From).ToList();
        var keys = CitationKeys.For(citations);
        var sb = new StringBuilder();
        for (var i = 0; i < citations.Count; i++)
        {
            if (i > 0) sb.Append('\n');
            Entry(sb, keys[i], citations[i]);
        }
        return sb.ToString();
    }

    private static void Entry(StringBuilder sb, string key, Citation c)
    {
        var fields = new List<(string Name, string Value)> { ("title", BibtexText.Title(c.Title)) };
        if (c.Authors.Count > 0) fields.Add(("author", string.Join(" and ", c.Authors.Select(BibtexText.Name))));
        fields.Add(("year", c.Year.ToString(CultureInfo.InvariantCulture)));
        // The id, URL and DOI are verbatim fields (biblatex prints them as URLs): they are not escaped, and were
        // checked to hold no brace or backslash (canonical arXiv ids, Citation's DOI shape).
        fields.Add(("eprint", c.ArxivId));
        fields.Add(("archivePrefix", "arXiv"));
        if (c.PrimaryClass is { } primary) fields.Add(("primaryClass", BibtexText.Escape(primary)));
        fields.Add(("url", c.Url));
        if (c.Doi is { } doi) fields.Add(("doi", doi));
        if (c.JournalRef is { } journal) fields.Add(("journal", BibtexText.Escape(journal)));

        sb.Append("@misc{").Append(key).Append(",\n");
        for (var i = 0; i < fields.Count; i++)
            sb.Append("  ").Append(fields[i].Name).Append(" = {").Append(fields[i].Value).Append(i < fields.Count - 1 ? "},\n" : "}\n");
        sb.Append("}\n");
    }
}
