using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

/// <summary>
/// Reads a site's feeds the way a feed reader does: GET the address, check the content type, and parse the body with
/// System.ServiceModel.Syndication's own Atom or RSS reader, which fails on anything that is not well-formed.
/// </summary>
public static class FeedClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GETs <paramref name="url"/> (ending in .atom or .rss, before any query) and parses it in that format.</summary>
    public static async Task<SyndicationFeed> LoadAsync(TestSite site, string url) => Parse(url, await GetXmlAsync(site, url));

    /// <summary>The raw document, after checking status and content type.</summary>
    public static async Task<string> GetXmlAsync(TestSite site, string url)
    {
        using var response = await site.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}\n{body}");
        var rss = IsRss(url);
        Assert.Equal(rss ? "application/rss+xml" : "application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return body;
    }

    /// <summary>Parses a document as the format <paramref name="url"/> ends with (or names: "atom", "rss").</summary>
    public static SyndicationFeed Parse(string url, string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        SyndicationFeedFormatter formatter = IsRss(url) ? new Rss20FeedFormatter() : new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), $"{url} is not {(IsRss(url) ? "RSS 2.0" : "Atom 1.0")}:\n{xml[..Math.Min(xml.Length, 300)]}");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    /// <summary>The arXiv ids of the feed's items, in order, read from each item's link to its paper page.</summary>
    public static List<string> Ids(SyndicationFeed feed) =>
        feed.Items.Select(i => i.Links.Single(l => l.RelationshipType is null or "alternate").Uri.AbsolutePath["/papers/".Length..]).ToList();

    /// <summary>Both formats of a feed, for tests that check each: <c>/feeds/trending</c> gives .atom and .rss.</summary>
    public static TheoryData<string> Formats => new("atom", "rss");

    /// <summary>GETs an address that must fail, and returns the status and the ProblemDetails' detail.</summary>
    public static async Task<(HttpStatusCode Status, string Detail)> ProblemAsync(TestSite site, string url)
    {
        using var response = await site.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"GET {url}: {(int)response.StatusCode} {body}");
        var problem = JsonNode.Parse(body)!;
        Assert.Equal((int)response.StatusCode, (int)problem["status"]!);
        return (response.StatusCode, (string)problem["detail"]!);
    }

    private static bool IsRss(string url) => url == "rss" || url.Split('?')[0].EndsWith(".rss", StringComparison.Ordinal);
}
