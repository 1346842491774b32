using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Syndication;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary>
/// What every feed page (day, week, month, trending, latest) does: reads <c>?sort</c>, <c>?category</c>, <c>?code</c>
/// and <c>?p</c>, loads the <see cref="Papers.Feed"/>, and answers bad input with a 400 page that says what was
/// wrong. Each page is output-cached for anonymous readers (the policy varies by every key it reads); a
/// signed-in reader's page is never cached, since it shows their own votes.
/// </summary>
public abstract class FeedPageModel(AppDbContext db, SiteOptions site, TimeProvider clock, VoteService votes) : PageModel
{
    public Feed? Feed { get; private set; }
    public FeedProblem? Problem { get; private set; }
    public DateOnly Today => site.Today(clock);
    protected AppDbContext Db => db;

    protected async Task<IActionResult> ShowAsync(FeedPeriod period, CancellationToken ct)
    {
        var q = Request.Query;
        if (!FeedRequest.TryParse(q["sort"], q["category"], q["code"], q["p"], out var request, out var error))
            return BadRequestPage(new FeedProblem("That list cannot be shown", error, period.Url, "The same list unfiltered"));
        Feed = await Papers.Feed.LoadAsync(db, site, clock, period, request, UserId(User), votes, ct);
        ViewData[CardMarks.ViewDataKey] = Feed.Marks;
        ViewData[FeedLinks.ViewDataKey] = FeedLinks.ForList(period, request);
        ViewData["Title"] = Title(Feed);
        ViewData["Description"] = period.Kind == FeedKind.Trending
            ? "The research papers people are upvoting and discussing right now."
            : $"Research papers picked and upvoted, {period.Label}.";
        return Page();
    }

    protected IActionResult BadRequestPage(FeedProblem problem)
    {
        Problem = problem;
        ViewData["Title"] = problem.Title;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string Title(Feed feed)
    {
        var what = feed.Period.Kind switch
        {
            FeedKind.Trending => "Trending papers",
            FeedKind.Day => $"Daily Papers, {feed.Period.Label}",
            FeedKind.Week => $"Papers of the week, {feed.Period.Label}",
            _ => $"Papers of {feed.Period.Label}",
        };
        if (feed.Request.Category is { } category) what += $" in {category}";
        if (feed.Request.CodeOnly) what += ", with code";
        return feed.Page > 0 ? $"{what} (page {feed.Page + 1})" : what;
    }

    /// <summary>The signed-in member's id, or null for an anonymous reader.</summary>
    public static long? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}

/// <summary>Why a feed page cannot be shown, and a working address to offer instead.</summary>
public sealed record FeedProblem(string Title, string Message, string ExampleUrl, string ExampleLabel);
