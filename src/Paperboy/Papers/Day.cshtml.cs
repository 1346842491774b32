using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Papers;

/// <summary>
/// <c>/papers/date/yyyy-MM-dd</c>: one day of the feed. A day without entries is a normal page (200) that says so
/// and links to the nearest days that have some; a malformed date is a 400 page.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PaperboyServices.FeedPagePolicy)]
public sealed class DayModel(AppDbContext db, SiteOptions site, TimeProvider clock) : PageModel
{
    public DayFeed? Feed { get; private set; }
    public string? BadDate { get; private set; }
    public DateOnly Today => site.Today(clock);

    public async Task<IActionResult> OnGetAsync(string date, [FromQuery] int p, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            BadDate = date;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Feed = await DayFeed.LoadAsync(db, site, clock, day, p, ct);
        return Page();
    }
}
