using Paperboy.Community.Collections;
using Paperboy.Papers;
using Paperboy.Search;

namespace Paperboy.Syndication;

/// <summary>
/// One feed, in both formats: <see cref="Path"/> plus <c>.atom</c> or <c>.rss</c>, then <see cref="Query"/> (empty,
/// or starting with <c>?</c>). Paths are relative to the site, as pages link them.
/// </summary>
public sealed record FeedLink(string Title, string Path, string Query = "")
{
    public string Url(FeedFormat format) => Path + format.Extension() + Query;
    public string Atom => Url(FeedFormat.Atom);
    public string Rss => Url(FeedFormat.Rss);
}

/// <summary>
/// Every feed's address, in one place: the endpoints answer them and the pages link them. A page hands its feeds to
/// the layout in <c>ViewData[<see cref="ViewDataKey"/>]</c>, which puts them in the head for feed readers to find,
/// and to <c>_FeedLinks</c>, which shows them.
/// </summary>
public static class FeedLinks
{
    public const string ViewDataKey = "Feeds";
    public const string Root = "/feeds";

    public static readonly FeedLink Daily = new("Daily Papers", Root + "/daily");
    public static readonly FeedLink Trending = new("Trending papers", Root + "/trending");

    public static FeedLink Day(DateOnly day) => new($"Daily Papers, {Display.Day(day)}", Root + "/daily/" + Display.Iso(day));

    public static FeedLink Category(string category) => new($"Latest papers in {category}", Root + "/categories/" + Uri.EscapeDataString(category));

    public static FeedLink Search(string query, SearchMode mode = SearchMode.Hybrid) =>
        new($"Search: {query}", Root + "/search",
            "?q=" + Uri.EscapeDataString(query) + (mode == SearchMode.Hybrid ? "" : "&mode=" + mode.ToString().ToLowerInvariant()));

    public static FeedLink Author(string name) => new($"Papers by {name}", Root + "/authors/" + Uri.EscapeDataString(name));

    public static FeedLink Collection(string user, string slug, string name) =>
        new($"Collection: {name}", Root + CollectionLinks.Collection(user, slug));

    /// <summary>A member's picks; the address opens only with their token added (<c>?token=</c>), so no page links it.</summary>
    public static FeedLink ForYou(string user) => new($"Picked for {user}", Root + "/users/" + Uri.EscapeDataString(user) + "/for-you");

    public static FeedLink Submitted(string user) => new($"Papers submitted by {user}", Root + "/users/" + Uri.EscapeDataString(user) + "/submitted");

    /// <summary>
    /// The feeds a list page offers: a filtered list its category's feed first; the trending list the trending feed,
    /// every other list (a day, a week, a month) the daily feed.
    /// </summary>
    public static IReadOnlyList<FeedLink> ForList(FeedPeriod period, FeedRequest request)
    {
        var own = period.Kind == FeedKind.Trending ? Trending : Daily;
        return request.Category is { } category ? [Category(category), own] : [own];
    }
}
