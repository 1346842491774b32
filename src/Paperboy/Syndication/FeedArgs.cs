using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Paperboy.Digests;
using Paperboy.Web;

namespace Paperboy.Syndication;

/// <summary>
/// What every feed request carries, bound with <c>[AsParameters]</c>: the format from the address's ending
/// (<c>{format}</c>), <c>?limit=1..100</c>, and what writing the answer needs.
/// </summary>
public sealed record FeedArgs(string Format, [FromQuery] string? Limit, HttpRequest Request, SiteOptions Site, SubscriptionLinks Links)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>Reads the format and the limit; an unknown ending is a 404, a bad limit a 400, each saying why.</summary>
    public bool TryRead(out FeedFormat format, out int limit, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        limit = DefaultLimit;
        problem = null;
        if (!FeedFormats.TryParse(Format, out format))
            problem = FeedProblems.NotFound($"Feeds end in .atom (Atom 1.0) or .rss (RSS 2.0), not '.{Format}'.");
        else if (!Web.QueryLimit.TryParse(Limit, DefaultLimit, MaxLimit, out limit, out var error))
            problem = FeedProblems.BadRequest(error);
        return problem is null;
    }

    /// <summary>
    /// The feed as the answer's body. Links point at the site's public address (<c>Paperboy:Mail:PublicUrl</c>, else
    /// this request's), as links in mail do. Nothing else is set: caching headers are left to whatever serves
    /// <c>/feeds</c> as a whole.
    /// </summary>
    public FileContentHttpResult Write(FeedFormat format, PaperFeed feed)
    {
        var origin = Links.Origin(Request);
        var self = origin + Request.Path.ToUriComponent() + Request.QueryString.ToUriComponent();
        return TypedResults.Bytes(FeedWriter.Write(feed, format, Site.Name, origin, self), format.ContentType());
    }
}

/// <summary>Errors as the JSON API gives them: ProblemDetails with a sentence that says what was wrong.</summary>
public static class FeedProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
