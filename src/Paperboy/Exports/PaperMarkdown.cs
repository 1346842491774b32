using System.Globalization;
using System.Text;
using Paperboy.Papers;

namespace Paperboy.Exports;

/// <summary>
/// A paper as a Markdown page, as Hugging Face offers one for notes and for language models: the title as a
/// heading, the authors, links (arXiv, PDF, code, project page, DOI, this site), categories, dates, the feed's counts
/// when the paper is on it, and the abstract. All text from the paper is escaped (<see cref="MarkdownText"/>).
/// </summary>
public static class PaperMarkdown
{
    /// <param name="origin">This site's scheme, host and base path, for links back to it.</param>
    /// <param name="siteName">What the link back to this site is called.</param>
    public static string Write(PaperView p, string origin, string siteName)
    {
        var sb = new StringBuilder();
        var title = ExportText.Line(p.Title);
        sb.Append("# ").Append(MarkdownText.Escape(title.Length > 0 ? title : "arXiv:" + p.ArxivId)).Append("\n\n");
        var authors = p.Authors.Select(ExportText.Line).Where(a => a.Length > 0).Select(MarkdownText.Escape).ToList();
        if (authors.Count > 0) sb.Append("**Authors:** ").Append(string.Join(", ", authors)).Append("\n\n");

        var version = p.Version > 0 ? $"v{p.Version}" : "";
        Item(sb, "arXiv", $"[{p.ArxivId}{version}]({p.AbsUrl}) ([PDF]({p.PdfUrl}))");
        Item(sb, "Code", MarkdownText.Link(p.GithubRepo));
        Item(sb, "Project page", MarkdownText.Link(p.ProjectPage));
        var categories = p.Categories.Select(MarkdownText.Escape).Where(c => c.Length > 0).ToList();
        if (categories.Count > 0) Item(sb, "Categories", string.Join(", ", categories));
        if (p.PublishedAt is { } published) Item(sb, "Published", Iso(published));
        if (p.UpdatedAt is { } updated && updated.Date != p.PublishedAt?.Date) Item(sb, "Updated", Iso(updated));
        Item(sb, "Comment", Optional(p.Comment));
        Item(sb, "Journal reference", Optional(p.JournalRef));
        if (Citation.DoiOf(p.Doi) is { } doi) Item(sb, "DOI", $"[{MarkdownText.Escape(doi)}](<https://doi.org/{doi}>)");
        if (p.Feed is { } feed)
            Item(sb, "Daily papers", $"[{Display.Iso(feed.Day)}](<{origin}{PaperLinks.Day(feed.Day)}>) · " +
                $"{Display.Count(feed.Upvotes, "upvote", "upvotes")} · {Display.Count(feed.CommentCount, "comment", "comments")}");
        Item(sb, "On " + MarkdownText.Escape(siteName), $"<{origin}{p.PageUrl}>");

        var abstractText = MarkdownText.Paragraph(p.Abstract);
        if (abstractText.Length > 0) sb.Append("\n## Abstract\n\n").Append(abstractText).Append('\n');
        return sb.ToString();
    }

    private static void Item(StringBuilder sb, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value)) sb.Append("- **").Append(label).Append(":** ").Append(value).Append('\n');
    }

    private static string? Optional(string? text) => MarkdownText.Escape(text) is { Length: > 0 } escaped ? escaped : null;

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
