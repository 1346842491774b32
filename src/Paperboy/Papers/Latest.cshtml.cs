using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Syndication;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary><c>/papers</c>: the latest day that has entries, with a canonical link to that day's own page.</summary>
[OutputCache(PolicyName = PaperboyServices.FeedPagePolicy)]
public sealed class LatestModel(AppDbContext db, SiteOptions site, TimeProvider clock, VoteService votes)
    : FeedPageModel(db, site, clock, votes)
{
    public bool Empty { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FeedQueries.LatestDayAsync(Db, ct) is { } day)
        {
            ViewData["Canonical"] = $"{Request.Scheme}://{Request.Host}{PaperLinks.Day(day)}";
            return await ShowAsync(FeedPeriod.Day(day), ct);
        }
        Empty = true;
        ViewData["Title"] = "Daily Papers";
        // Subscribing before the first import is fine: the feed fills when papers arrive.
        ViewData[FeedLinks.ViewDataKey] = new[] { FeedLinks.Daily };
        return Page();
    }
}
