using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Community.Comments;
using Paperboy.Community.Votes;
using Paperboy.Data;

namespace Paperboy.Papers;

/// <summary>
/// <c>/papers/{arxivId}</c>. The route is a catch-all because old-style ids contain a slash
/// (<c>/papers/hep-th/9901001</c>). Any other spelling of an id (a version, an <c>arXiv:</c> prefix, an old-style
/// subject class) redirects to the canonical address; an unknown or malformed id is a 404.
/// </summary>
public sealed class PaperModel(AppDbContext db, Discussions discussions, VoteService votes) : PageModel
{
    public PaperView? Paper { get; private set; }

    /// <summary>Comments and moderation state; null when the paper is not on the feed.</summary>
    public Discussion? Discussion { get; private set; }

    /// <summary>Whether the signed-in reader upvoted the paper.</summary>
    public bool Voted { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        var asked = Uri.UnescapeDataString(id ?? "");
        if (!ArxivId.TryParse(asked, out var canonical)) return NotFound();
        if (canonical != asked) return RedirectPermanent(PaperLinks.Page(canonical));
        Paper = await FeedQueries.PaperAsync(db, canonical, ct);
        if (Paper is null) return NotFound();
        if (Paper.Feed is not null) Discussion = await discussions.LoadAsync(canonical, User, ct);
        // A hidden paper is gone for everyone but moderators, who see it with a banner.
        if (Discussion is { PaperHidden: true, Viewer.IsModerator: false }) return NotFound();
        if (Paper.Feed is { } slot && FeedPageModel.UserId(User) is { } user)
            Voted = (await votes.VotedAsync(user, [slot.PaperId], ct)).Count > 0;
        return Page();
    }
}
