using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Recommendations;

/// <summary>
/// A paper page's line for a signed-in member: one picker to follow any of the paper's authors or categories, the
/// ones they follow already with a button to stop, and "Not interested". Nothing for anyone else.
/// </summary>
public sealed class PaperInterestsViewComponent(AppDbContext db) : ViewComponent
{
    public sealed record Choice(FollowKind Kind, string Value, bool Followed)
    {
        public string Target => $"{FollowTarget.Name(Kind)}:{Value}";
    }

    public sealed record Line(string ArxivId, IReadOnlyList<Choice> Choices, bool NotInterested);

    /// <summary>Only the first authors are offered: a paper with 300 authors would give a picker nobody can use.</summary>
    public const int MaxAuthors = 20;

    public async Task<IViewComponentResult> InvokeAsync(PaperView paper)
    {
        if (FeedPageModel.UserId(UserClaimsPrincipal) is not { } userId) return Content("");
        var ct = HttpContext.RequestAborted;
        var keys = (await db.Follows.Where(f => f.UserId == userId).Select(f => new { f.Kind, f.Key }).ToListAsync(ct))
            .Select(f => (f.Kind, f.Key)).ToHashSet();
        var choices = new List<Choice>();
        foreach (var author in paper.Authors.Take(MaxAuthors))
            if (FollowTarget.TryParse("author", author, out var t, out _) && choices.All(c => c.Kind != t.Kind || FollowTarget.KeyOf(c.Value) != t.Key))
                choices.Add(new Choice(t.Kind, t.Value, keys.Contains((t.Kind, t.Key))));
        foreach (var category in paper.Categories)
            if (FollowTarget.TryParse("category", category, out var t, out _) && choices.All(c => c.Kind != t.Kind || c.Value != t.Value))
                choices.Add(new Choice(t.Kind, t.Value, keys.Contains((t.Kind, t.Key))));
        var marked = await db.PaperMarks.AnyAsync(m => m.UserId == userId && m.Kind == PaperMarkKind.NotInterested
            && db.Papers.Any(p => p.Id == m.PaperId && p.ArxivId == paper.ArxivId), ct);
        return View("/Recommendations/_PaperInterests.cshtml", new Line(paper.ArxivId, choices, marked));
    }
}
