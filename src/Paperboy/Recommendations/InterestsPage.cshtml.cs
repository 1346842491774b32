using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Recommendations;

/// <summary>
/// <c>/account/interests</c>: the authors and categories a member follows and the papers they marked, each with
/// its button to undo; forms to follow more. The buttons post to <c>/follows</c> and <c>/not-interested</c>.
/// </summary>
[Authorize]
public sealed class InterestsPageModel(AppDbContext db) : PageModel
{
    public const string Address = "/account/interests";

    public InterestList Interests { get; private set; } = new([], []);

    public IEnumerable<Followed> Authors => Interests.Follows.Where(f => f.Kind == FollowKind.Author);
    public IEnumerable<Followed> Categories => Interests.Follows.Where(f => f.Kind == FollowKind.Category);
    public IEnumerable<MarkedPaper> NotInterested => Interests.Marks.Where(m => m.Kind == PaperMarkKind.NotInterested);
    public IEnumerable<MarkedPaper> Examples => Interests.Marks.Where(m => m.Kind == PaperMarkKind.Example);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (FeedPageModel.UserId(User) is not { } userId) return Challenge();
        Interests = await Recommendations.Interests.ListAsync(db, userId, ct);
        return Page();
    }
}
