namespace Paperboy.Exports;

/// <summary>A format papers leave the site in: its file extension, its media type and the name links show.</summary>
public sealed record ExportFormat(string Extension, string ContentType, string Label)
{
    public static readonly ExportFormat Bibtex = new("bib", "application/x-bibtex; charset=utf-8", "BibTeX");

    /// <summary>RIS, whose specification asks for CRLF line ends.</summary>
    public static readonly ExportFormat Ris = new("ris", "application/x-research-info-systems; charset=utf-8", "RIS");

    /// <summary>One paper as Markdown, for notes and for language models; shown in the browser rather than downloaded.</summary>
    public static readonly ExportFormat Markdown = new("md", "text/markdown; charset=utf-8", "Markdown");

    /// <summary>The formats a list of papers (a collection, a search) comes in.</summary>
    public static readonly IReadOnlyList<ExportFormat> Lists = [Bibtex, Ris];

    /// <summary>The formats one paper comes in.</summary>
    public static readonly IReadOnlyList<ExportFormat> Papers = [Bibtex, Ris, Markdown];
}
