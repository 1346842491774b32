using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Paperboy.Digests;

/// <summary>
/// The HTML part: tables and inline styles only, as mail clients want (no script, no style sheet, no image, so it
/// reads the same with images off), one 600-pixel column that narrows on a phone. Every piece of text is encoded:
/// titles and abstracts come from anyone who can submit a paper.
/// </summary>
internal static class DigestHtml
{
    // Names such as "Kovač" stay as they are (smaller than character references); <, >, &, quotes are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
    private const string Muted = "color:#6b7280;";
    private const string Accent = "#4338ca";

    public static string Render(string siteName, string origin, DigestRecipient r, DigestContent c)
    {
        var b = new StringBuilder(16 * 1024);
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>").Append(E(DigestWording.Subject(siteName, c))).Append("</title>\n</head>\n")
         .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;\">\n")
         .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#f3f4f6;\">\n")
         .Append("<tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
         .Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
         .Append("style=\"width:100%;max-width:600px;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;\">\n");

        b.Append("<tr><td style=\"padding:24px 28px 12px;").Append(Font).Append("\">\n")
         .Append("<a href=\"").Append(E(origin + "/papers")).Append("\" style=\"font-size:14px;font-weight:700;letter-spacing:0.02em;color:")
         .Append(Accent).Append(";text-decoration:none;\">").Append(E(siteName)).Append("</a>\n")
         .Append("<h1 style=\"margin:8px 0 4px;font-size:22px;line-height:1.3;font-weight:700;color:#111827;\">")
         .Append(E(DigestWording.Headline(c))).Append("</h1>\n")
         .Append("<p style=\"margin:0;font-size:14px;").Append(Muted).Append("\">").Append(E(DigestWording.Summary(c))).Append("</p>\n")
         .Append("</td></tr>\n");

        if (c.Top.Count > 0) Section(b, DigestWording.TopHeading(c.Period), c.Top, ranked: true);
        foreach (var alert in c.Alerts)
            if (alert.Papers.Count > 0) Section(b, DigestWording.Heading(alert), alert.Papers, ranked: false);

        b.Append("<tr><td style=\"padding:20px 28px 28px;border-top:1px solid #e5e7eb;font-size:12px;line-height:1.5;").Append(Muted).Append(Font).Append("\">\n")
         .Append("<p style=\"margin:0 0 8px;\">").Append(E(DigestWording.Why(siteName, r, c.Period))).Append("</p>\n")
         .Append("<p style=\"margin:0;\">").Append(Link(r.ManageUrl, "Manage your digest", "color:" + Accent + ";"))
         .Append(" &#183; ").Append(Link(r.UnsubscribeUrl, "Unsubscribe", "color:" + Accent + ";")).Append("</p>\n")
         .Append("</td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
        return b.ToString();
    }

    private static void Section(StringBuilder b, string heading, IReadOnlyList<DigestPaper> papers, bool ranked)
    {
        b.Append("<tr><td style=\"padding:16px 28px 0;").Append(Font).Append("\">")
         .Append("<h2 style=\"margin:0;padding-bottom:6px;border-bottom:2px solid ").Append(Accent)
         .Append(";font-size:15px;font-weight:700;color:#111827;\">")
         .Append(E(heading)).Append("</h2></td></tr>\n")
         .Append(ranked ? RenderedLists.Get(papers, RenderedLists.HtmlRanked, Ranked) : RenderedLists.Get(papers, RenderedLists.Html, Unranked));
    }

    private static string Ranked(IReadOnlyList<DigestPaper> papers) => Rows(papers, ranked: true);

    private static string Unranked(IReadOnlyList<DigestPaper> papers) => Rows(papers, ranked: false);

    private static string Rows(IReadOnlyList<DigestPaper> papers, bool ranked)
    {
        var b = new StringBuilder(papers.Count * 1500);
        for (var i = 0; i < papers.Count; i++)
        {
            var p = papers[i];
            b.Append("<tr><td style=\"padding:14px 28px;border-bottom:1px solid #f3f4f6;").Append(Font).Append("\">\n");
            if (ranked) b.Append("<span style=\"font-size:16px;font-weight:700;").Append(Muted).Append("\">").Append(i + 1).Append(".&#160;</span>");
            b.Append(Link(p.Url, p.Title, "font-size:16px;line-height:1.35;font-weight:600;color:#1d4ed8;text-decoration:none;")).Append('\n');
            if (p.Authors.Count > 0)
                b.Append("<div style=\"margin-top:4px;font-size:13px;").Append(Muted).Append("\">").Append(E(DigestWording.Authors(p.Authors))).Append("</div>\n");
            if (p.Excerpt.Length > 0)
                b.Append("<div style=\"margin-top:6px;font-size:14px;line-height:1.5;color:#374151;\">").Append(E(p.Excerpt)).Append("</div>\n");
            b.Append("<div style=\"margin-top:6px;font-size:12px;").Append(Muted).Append("\">&#9650; ").Append(E(DigestWording.Upvotes(p.Upvotes)))
             .Append(" &#183; arXiv ").Append(E(p.ArxivId)).Append("</div>\n</td></tr>\n");
        }
        return b.ToString();
    }

    private static string Link(string url, string text, string style) =>
        $"<a href=\"{E(url)}\" style=\"{style}\">{E(text)}</a>";

    private static string E(string text) => Html.Encode(text);
}
