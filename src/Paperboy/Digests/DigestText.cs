using System.Text;

namespace Paperboy.Digests;

/// <summary>The plain-text part: the same digest as the HTML, every link written out, lines wrapped for reading.</summary>
internal static class DigestText
{
    private const int Width = 76;
    private const string Indent = "   ";

    public static string Render(string siteName, string origin, DigestRecipient r, DigestContent c)
    {
        var b = new StringBuilder(8 * 1024);
        var headline = DigestPapers.OneLine($"{siteName}: {DigestWording.Headline(c)}");
        b.Append(headline).Append('\n').Append(new string('=', Math.Min(headline.Length, Width))).Append('\n')
         .Append(DigestWording.Summary(c)).Append('\n').Append(origin).Append("/papers\n");
        if (c.Top.Count > 0) Section(b, DigestWording.TopHeading(c.Period), c.Top, ranked: true);
        foreach (var alert in c.Alerts)
            if (alert.Papers.Count > 0) Section(b, DigestWording.Heading(alert), alert.Papers, ranked: false);
        b.Append("\n-- \n");
        Wrap(b, "", DigestWording.Why(siteName, r, c.Period), "");
        b.Append("Manage your digest: ").Append(r.ManageUrl).Append('\n')
         .Append("Unsubscribe: ").Append(r.UnsubscribeUrl).Append('\n');
        return b.ToString();
    }

    private static void Section(StringBuilder b, string heading, IReadOnlyList<DigestPaper> papers, bool ranked)
    {
        heading = DigestPapers.OneLine(heading);
        b.Append('\n').Append(heading).Append('\n').Append(new string('-', Math.Min(heading.Length, Width))).Append('\n')
         .Append(ranked ? RenderedLists.Get(papers, RenderedLists.TextRanked, Ranked) : RenderedLists.Get(papers, RenderedLists.Text, Unranked));
    }

    private static string Ranked(IReadOnlyList<DigestPaper> papers) => Items(papers, ranked: true);

    private static string Unranked(IReadOnlyList<DigestPaper> papers) => Items(papers, ranked: false);

    private static string Items(IReadOnlyList<DigestPaper> papers, bool ranked)
    {
        var b = new StringBuilder(papers.Count * 500);
        for (var i = 0; i < papers.Count; i++)
        {
            var p = papers[i];
            b.Append('\n');
            Wrap(b, ranked ? $"{i + 1}. " : "*  ", p.Title, Indent);
            if (p.Authors.Count > 0) Wrap(b, Indent, DigestWording.Authors(p.Authors), Indent);
            if (p.Excerpt.Length > 0) Wrap(b, Indent, p.Excerpt, Indent);
            b.Append(Indent).Append(DigestWording.Upvotes(p.Upvotes)).Append(" - ").Append(p.Url).Append('\n');
        }
        return b.ToString();
    }

    /// <summary>
    /// Appends <paramref name="prefix"/> and one paragraph wrapped at <see cref="Width"/>, later lines indented by
    /// <paramref name="indent"/>; a word longer than a line (a URL) stays whole. Line breaks in the text are spaces: a title
    /// that carries one still reads as one title.
    /// </summary>
    private static void Wrap(StringBuilder b, string prefix, string text, string indent)
    {
        b.Append(prefix);
        var line = prefix.Length;
        var empty = true;
        foreach (var word in DigestPapers.OneLine(text).Split(' '))
        {
            if (!empty && line + 1 + word.Length > Width)
            {
                b.Append('\n').Append(indent);
                line = indent.Length;
                empty = true;
            }
            if (!empty)
            {
                b.Append(' ');
                line++;
            }
            b.Append(word);
            line += word.Length;
            empty = false;
        }
        b.Append('\n');
    }
}
