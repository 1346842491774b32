namespace Paperboy.Papers;

/// <summary>An arXiv paper as Paperboy knows it, merged from every source that mentioned it.</summary>
public sealed class Paper
{
    public long Id { get; set; }

    /// <summary>Canonical arXiv id without version: <c>2103.14749</c> or <c>hep-th/9901001</c>.</summary>
    public required string ArxivId { get; set; }

    /// <summary>Latest arXiv version known; 0 when no source said (Hugging Face gives none).</summary>
    public int Version { get; set; }

    public required string Title { get; set; }
    public string Abstract { get; set; } = "";

    /// <summary>Author names in the paper's order.</summary>
    public List<string> Authors { get; set; } = [];

    /// <summary>arXiv categories, primary first.</summary>
    public List<string> Categories { get; set; } = [];

    public string? PrimaryCategory { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? Comment { get; set; }
    public string? JournalRef { get; set; }
    public string? Doi { get; set; }
    public string? GithubRepo { get; set; }
    public string? ProjectPage { get; set; }

    /// <summary>
    /// Grows on every insert or update of any paper (one counter for the table). Derived stores such as the
    /// search index remember the highest number they have seen and catch up from there.
    /// </summary>
    public long ChangeNumber { get; set; }

    public string AbsUrl => ArxivLinks.Abs(ArxivId, Version);
    public string PdfUrl => ArxivLinks.Pdf(ArxivId, Version);
}

public static class ArxivLinks
{
    public static string Abs(string arxivId, int version = 0) =>
        $"https://arxiv.org/abs/{arxivId}{(version > 0 ? $"v{version}" : "")}";

    public static string Pdf(string arxivId, int version = 0) =>
        $"https://arxiv.org/pdf/{arxivId}{(version > 0 ? $"v{version}" : "")}";
}
