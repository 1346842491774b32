using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary><c>/papers</c>: the latest day that has entries, with a canonical link to that day's own page.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PaperboyServices.FeedPagePolicy)]
public sealed class LatestModel(AppDbContext db, SiteOptions site, TimeProvider clock) : PageModel
{
    public DayFeed? Feed { get; private set; }

    public async Task OnGetAsync([FromQuery] int p, CancellationToken ct)
    {
        if (await FeedQueries.LatestDayAsync(db, ct) is { } day)
            Feed = await DayFeed.LoadAsync(db, site, clock, day, p, ct);
    }
}
