using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary><c>/papers/month/yyyy-MM</c>: one calendar month of the feed; a malformed month is a 400 page.</summary>
[OutputCache(PolicyName = PaperboyServices.FeedPagePolicy)]
public sealed class MonthModel(AppDbContext db, SiteOptions site, TimeProvider clock, VoteService votes)
    : FeedPageModel(db, site, clock, votes)
{
    public Task<IActionResult> OnGetAsync(string month, CancellationToken ct)
    {
        if (FeedPeriod.TryParseMonth(month, out var period)) return ShowAsync(period, ct);
        var example = FeedPeriod.Month(Today);
        return Task.FromResult(BadRequestPage(new FeedProblem("That is not a month",
            $"“{month}” is not a month this site knows. Months are written year-month, like",
            example.Url, example.Key)));
    }
}
