using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary>
/// <c>/papers/date/yyyy-MM-dd</c>: one day of the feed. A day without entries is a normal page (200) that says so
/// and links to the nearest days that have some; a malformed date is a 400 page.
/// </summary>
[OutputCache(PolicyName = PaperboyServices.FeedPagePolicy)]
public sealed class DayModel(AppDbContext db, SiteOptions site, TimeProvider clock, VoteService votes)
    : FeedPageModel(db, site, clock, votes)
{
    public Task<IActionResult> OnGetAsync(string date, CancellationToken ct) =>
        FeedPeriod.TryParseDay(date, out var day)
            ? ShowAsync(FeedPeriod.Day(day), ct)
            : Task.FromResult(BadRequestPage(new FeedProblem("That is not a date",
                $"“{date}” is not a day this site knows. Days are written year-month-day, like",
                PaperLinks.Day(Today), Display.Iso(Today))));
}
