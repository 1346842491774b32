using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Search;

namespace Paperboy.Recommendations;

/// <summary>
/// Follow buttons for a search's <c>author:</c> and <c>category:</c> filters, for a signed-in member: "Follow
/// author hinton" or, when they follow it already, "Unfollow". Nothing for anyone else, so that anonymous result
/// pages carry no form.
/// </summary>
public sealed class FollowButtonViewComponent(AppDbContext db) : ViewComponent
{
    public sealed record Button(FollowTarget Target, bool Followed);

    /// <summary>A query of many filters gets buttons for its first few only.</summary>
    public const int MaxButtons = 4;

    public async Task<IViewComponentResult> InvokeAsync(SearchQuery query)
    {
        if (FeedPageModel.UserId(UserClaimsPrincipal) is not { } userId) return Content("");
        var targets = query.Authors.Select(a => ("author", a)).Concat(query.Categories.Select(c => ("category", c)))
            .Select(t => FollowTarget.TryParse(t.Item1, t.Item2, out var target, out _) ? target : null)
            .OfType<FollowTarget>().DistinctBy(t => (t.Kind, t.Key)).Take(MaxButtons).ToList();
        if (targets.Count == 0) return Content("");
        var keys = targets.Select(t => t.Key).ToList();
        var followed = (await db.Follows.Where(f => f.UserId == userId && keys.Contains(f.Key))
            .Select(f => new { f.Kind, f.Key }).ToListAsync(HttpContext.RequestAborted)).Select(f => (f.Kind, f.Key)).ToHashSet();
        return View("/Recommendations/_FollowButton.cshtml", targets.Select(t => new Button(t, followed.Contains((t.Kind, t.Key)))).ToList());
    }
}
