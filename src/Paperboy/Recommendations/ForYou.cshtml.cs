using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Community.Profiles;
using Paperboy.Data;

namespace Paperboy.Recommendations;

/// <summary>
/// <c>/for-you?period=week|month|all</c>: papers picked for the signed-in member from what they upvote, save,
/// submit and follow, each with the reason it was picked.
/// </summary>
[Authorize]
public sealed class ForYouModel(AppDbContext db, Recommender recommender) : PageModel
{
    public const int Size = 30;

    public string Period { get; private set; } = "week";
    public IReadOnlyList<ForYouItem> Items { get; private set; } = [];
    public UserSignals Signals { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] string? period, CancellationToken ct)
    {
        if (!ForYouQuery.TryPeriod(period, out var p)) return BadRequest($"Unknown period '{period}': use week, month or all.");
        if (PublicMember.ViewerId(User) is not { } userId) return Challenge();
        Period = p;
        (Signals, var items) = await ForYouQuery.RunAsync(db, recommender, userId, Period, Size, ct);
        Items = items;
        return Page();
    }
}
