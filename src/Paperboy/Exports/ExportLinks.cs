using Paperboy.Community.Collections;
using Paperboy.Papers;
using Paperboy.Search;

namespace Paperboy.Exports;

/// <summary>Where each export is: the page's own address with the format's extension.</summary>
public static class ExportLinks
{
    /// <summary><c>/papers/2401.00001.bib</c>, <c>/papers/hep-th/9901001.bib</c>.</summary>
    public static string Paper(string arxivId, ExportFormat format) => PaperLinks.Page(arxivId) + "." + format.Extension;

    /// <summary><c>/collections/{user}/{slug}.bib</c>.</summary>
    public static string Collection(string user, string slug, ExportFormat format) =>
        CollectionLinks.Collection(user, slug) + "." + format.Extension;

    /// <summary><c>/search.bib?q=...</c>, with the mode when it is not the default.</summary>
    public static string Search(string query, SearchMode mode, ExportFormat format) =>
        $"/search.{format.Extension}?q={Uri.EscapeDataString(query)}" +
        (mode == SearchMode.Hybrid ? "" : $"&mode={mode.ToString().ToLowerInvariant()}");
}
