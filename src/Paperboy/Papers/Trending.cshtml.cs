using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Paperboy.Community.Votes;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary>
/// <c>/papers/trending</c>: every visible entry by its stored trending score (see <c>/about/ranking</c>), highest
/// first; the same sorts and filters as the period views.
/// </summary>
[OutputCache(PolicyName = PaperboyServices.FeedPagePolicy)]
public sealed class TrendingModel(AppDbContext db, SiteOptions site, TimeProvider clock, VoteService votes)
    : FeedPageModel(db, site, clock, votes)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(FeedPeriod.Trending, ct);
}
