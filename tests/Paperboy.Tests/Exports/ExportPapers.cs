using Paperboy.Papers;

namespace Paperboy.Tests.Exports;

/// <summary>Papers with known fields for the format tests, and hostile ones that try to break out of them.</summary>
public static class ExportPapers
{
    public static PaperView Paper(string id, string title, List<string> authors, List<string>? categories = null,
        DateTime? published = null, string abstractText = "", int version = 0, string? journal = null, string? doi = null,
        string? github = null, string? project = null, string? comment = null, FeedSlot? feed = null, DateTime? updated = null) =>
        new(id, version, title, abstractText, authors, categories ?? ["cs.LG"], published, updated, comment, journal, doi,
            github, project, feed);

    /// <summary>A new-style id, title-case title, two authors, two categories, no DOI.</summary>
    public static PaperView Transformer => Paper("2401.00001", "Attention Is All You Need", ["Ashish Vaswani", "Noam Shazeer"],
        ["cs.CL", "cs.LG"], new DateTime(2024, 1, 1, 18, 0, 0, DateTimeKind.Utc), "We propose the Transformer, based on attention.",
        version: 2);

    /// <summary>An old-style id with a journal reference and a DOI, as arXiv lists them.</summary>
    public static PaperView Maldacena => Paper("hep-th/9711200", "The Large N Limit of Superconformal Field Theories and Supergravity",
        ["Juan M. Maldacena"], ["hep-th"], new DateTime(1997, 11, 27, 23, 0, 0, DateTimeKind.Utc), "We show that the large N limit...",
        journal: "Adv.Theor.Math.Phys.2:231-252,1998", doi: "10.1023/A:1026654312961");
}
