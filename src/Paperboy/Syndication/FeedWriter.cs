using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Paperboy.Papers;

namespace Paperboy.Syndication;

/// <summary>
/// Writes a <see cref="PaperFeed"/> as Atom 1.0 or RSS 2.0, UTF-8. Every piece of text goes through
/// <see cref="XmlChars.Clean"/> and the XML writer escapes markup, so a title such as <c>&lt;script&gt;</c> is text
/// in every reader. Links are absolute, under <paramref name="origin"/>.
/// </summary>
public static class FeedWriter
{
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";

    // A feed without a single dated paper still needs an update time; a fixed one keeps the document the same
    // from one request to the next, so a reader (or a cache) sees nothing new.
    private static readonly DateTimeOffset NoDate = DateTimeOffset.UnixEpoch;

    /// <param name="self">The absolute address of this very document (with its limit, if one was asked).</param>
    public static byte[] Write(PaperFeed feed, FeedFormat format, string siteName, string origin, string self)
    {
        var items = feed.Papers.Select(p => Item(p, format, origin)).ToList();
        var syndication = new SyndicationFeed(items)
        {
            // The feed's address without a limit: the same feed however many entries a reader asks for.
            Id = origin + feed.Link.Url(format),
            Title = new TextSyndicationContent(XmlChars.Clean($"{feed.Link.Title} · {siteName}")),
            Description = new TextSyndicationContent(XmlChars.Clean(feed.Description)),
            Generator = "Paperboy",
            Language = "en",
            LastUpdatedTime = items.Count == 0 ? NoDate : items.Max(i => i.LastUpdatedTime),
        };
        syndication.Links.Add(SyndicationLink.CreateSelfLink(new Uri(self), format.MediaType()));
        syndication.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(origin + feed.AlternatePath), "text/html"));
        // Atom wants an author for the feed when an entry may have none (a paper without authors).
        if (format == FeedFormat.Atom) syndication.Authors.Add(new SyndicationPerson(null, XmlChars.Clean(siteName), origin + "/"));
        if (format == FeedFormat.Rss) syndication.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCore);

        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss
                ? new Rss20FeedFormatter(syndication)
                : new Atom10FeedFormatter(syndication);
            formatter.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    private static SyndicationItem Item(PaperView paper, FeedFormat format, string origin)
    {
        var page = origin + paper.PageUrl;
        var published = Utc(paper.PublishedAt);
        var item = new SyndicationItem
        {
            Id = page,
            Title = new TextSyndicationContent(XmlChars.Clean(paper.Title)),
            Summary = new TextSyndicationContent(XmlChars.Clean(paper.Abstract)),
            PublishDate = published ?? default,
            // An arXiv paper's last version, else its first; a paper without either dates from its day on the feed.
            LastUpdatedTime = Later(Utc(paper.UpdatedAt), published) ?? Utc(paper.Feed?.SubmittedAt) ?? NoDate,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(page), "text/html"));
        item.Links.Add(new SyndicationLink(new Uri(paper.PdfUrl), "related", "PDF", "application/pdf", 0));
        foreach (var category in paper.Categories) item.Categories.Add(new SyndicationCategory(XmlChars.Clean(category)));
        foreach (var author in paper.Authors.Select(XmlChars.Clean))
        {
            // RSS's own <author> is an email address; readers take names from Dublin Core's creator.
            if (format == FeedFormat.Rss) item.ElementExtensions.Add("creator", DublinCore, author);
            else item.Authors.Add(new SyndicationPerson(null, author, null));
        }
        return item;
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
