using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary><c>/papers/week/yyyy-Www</c>: one ISO week (Monday to Sunday) of the feed; a malformed week is a 400 page.</summary>
[OutputCache(PolicyName = PaperboyServices.FeedPagePolicy)]
public sealed class WeekModel(AppDbContext db, SiteOptions site, TimeProvider clock, VoteService votes)
    : FeedPageModel(db, site, clock, votes)
{
    public Task<IActionResult> OnGetAsync(string week, CancellationToken ct)
    {
        if (FeedPeriod.TryParseWeek(week, out var period)) return ShowAsync(period, ct);
        var example = FeedPeriod.Week(Today);
        return Task.FromResult(BadRequestPage(new FeedProblem("That is not a week",
            $"“{week}” is not a week this site knows. Weeks are ISO weeks, written year-W-number (01 to 52 or 53), like",
            example.Url, example.Key)));
    }
}
