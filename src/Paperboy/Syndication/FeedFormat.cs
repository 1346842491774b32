namespace Paperboy.Syndication;

/// <summary>The two formats every feed is served in, chosen by the address's ending: <c>.atom</c> or <c>.rss</c>.</summary>
public enum FeedFormat { Atom, Rss }

public static class FeedFormats
{
    public const string AtomType = "application/atom+xml";
    public const string RssType = "application/rss+xml";

    /// <summary>The format named by an address's ending (without the dot), ignoring case.</summary>
    public static bool TryParse(string? extension, out FeedFormat format)
    {
        format = FeedFormat.Atom;
        switch (extension?.ToLowerInvariant())
        {
            case "atom": return true;
            case "rss": format = FeedFormat.Rss; return true;
            default: return false;
        }
    }

    public static string Extension(this FeedFormat format) => format == FeedFormat.Rss ? ".rss" : ".atom";

    public static string MediaType(this FeedFormat format) => format == FeedFormat.Rss ? RssType : AtomType;

    public static string ContentType(this FeedFormat format) => format.MediaType() + "; charset=utf-8";
}
