using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Tokens;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Papers;

namespace Paperboy.Syndication;

/// <summary>
/// <c>/feeds/users/{name}/for-you.atom?token=pb_...</c>: a member's personal picks (<see cref="IForYouPicks"/>, the
/// same as their digest's "for you" section) for the week of the latest feed day, best first. Private: it takes one of
/// the member's API tokens with the <c>feed</c> scope, in the address (what a feed reader can keep) or as
/// <c>Authorization: Bearer</c>. An empty list of picks is a valid empty feed.
/// </summary>
public static class ForYouFeed
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ForYouAsync(string user, [FromQuery] string? token,
        [AsParameters] FeedArgs args, ApiTokenService tokens, IForYouPicks picks, AppDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!args.TryRead(out var format, out var limit, out var problem)) return problem;
        var (userId, refusal) = await HolderAsync(token, args.Request.HttpContext.User, tokens, ct);
        if (refusal is not null) return refusal;
        var member = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { UserName = u.UserName!, u.Email }).FirstOrDefaultAsync(ct);
        // A token of one member never opens another's feed, and says nothing about whether that member exists.
        if (member is null || !string.Equals(member.UserName, user, StringComparison.OrdinalIgnoreCase))
            return FeedProblems.NotFound($"This token is not {user}'s: a 'for you' feed opens only with its owner's token.");

        var day = await FeedQueries.LatestDayAsync(db, ct) ?? args.Site.Today(clock);
        var period = DigestPeriod.Weekly(day);
        var ids = await picks.PickForMemberAsync(userId, member.Email ?? "", period, limit, ct);
        var papers = await PaperCards.LoadAsync(db, ids.Take(limit).ToList(), ct);
        // The list is one member's: no shared cache may keep a copy (the conditional-GET layer keeps this header).
        args.Request.HttpContext.Response.Headers.CacheControl = "private, no-cache";
        return args.Write(format, new PaperFeed(FeedLinks.ForYou(member.UserName),
            $"Papers picked for {member.UserName} from {period.Describe()}, best first.",
            // No page shows the picks; the feed's home is the daily list they are picked from.
            "/papers", papers));
    }

    /// <summary>The member whose token the request carries, or the answer that says why there is none.</summary>
    private static async Task<(long UserId, ProblemHttpResult? Refusal)> HolderAsync(string? token, ClaimsPrincipal caller,
        ApiTokenService tokens, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(token))
        {
            var (found, refusal) = await tokens.CheckAsync(token, ct);
            if (found is null)
                return (0, FeedProblems.NotFound(refusal switch
                {
                    TokenRefusal.Revoked => "This feed's token was revoked: make a new token with the feed scope.",
                    TokenRefusal.Expired => "This feed's token has expired: make a new token with the feed scope.",
                    _ => "This feed's token is not known.",
                }));
            return found.Scopes.Contains(ApiScopes.Feed) ? (found.UserId, null) : (0, LacksScope());
        }
        if (ApiTokenAuthentication.TokenId(caller) is not null
            && long.TryParse(caller.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return ApiTokenAuthentication.HasScope(caller, ApiScopes.Feed) ? (id, null) : (0, LacksScope());
        return (0, FeedProblems.NotFound(
            "A 'for you' feed opens with one of its owner's API tokens that has the feed scope: add ?token=pb_... to its address."));
    }

    private static ProblemHttpResult LacksScope() =>
        TypedResults.Problem($"This token lacks the '{ApiScopes.Feed}' scope, which a 'for you' feed needs.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
