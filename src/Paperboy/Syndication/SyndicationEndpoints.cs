namespace Paperboy.Syndication;

/// <summary>
/// Every feed, in Atom 1.0 (<c>.atom</c>) and RSS 2.0 (<c>.rss</c>), all under <c>/feeds</c>; <c>?limit=1..100</c>
/// (50 by default) everywhere. Addresses are built by <see cref="FeedLinks"/>. A path segment such as
/// <c>cs.LG.atom</c> splits at its last dot, so names with dots (<c>cs.LG</c>, <c>Geoffrey E. Hinton</c>) work.
/// </summary>
public static class SyndicationEndpoints
{
    public static IEndpointRouteBuilder MapSyndication(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup(FeedLinks.Root);
        feeds.MapGet("/daily.{format}", PaperListFeeds.DailyAsync);
        feeds.MapGet("/daily/{date}.{format}", PaperListFeeds.DayAsync);
        feeds.MapGet("/trending.{format}", PaperListFeeds.TrendingAsync);
        feeds.MapGet("/categories/{category}.{format}", PaperListFeeds.CategoryAsync);
        feeds.MapGet("/search.{format}", SearchFeeds.SearchAsync);
        feeds.MapGet("/authors/{name}.{format}", SearchFeeds.AuthorAsync);
        feeds.MapGet("/collections/{user}/{slug}.{format}", MemberFeeds.CollectionAsync);
        feeds.MapGet("/users/{user}/submitted.{format}", MemberFeeds.SubmittedAsync);
        feeds.MapGet("/users/{user}/for-you.{format}", ForYouFeed.ForYouAsync);
        return app;
    }
}
