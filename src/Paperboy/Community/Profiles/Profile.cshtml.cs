using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Community.Accounts;
using Paperboy.Community.Collections;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Syndication;

namespace Paperboy.Community.Profiles;

/// <summary>
/// <c>/users/{name}</c>: who the member is and what they did here — papers submitted, papers upvoted, comments and
/// collections (private ones only to their owner). The overview shows the latest few of each;
/// <c>?list=submitted|upvoted|comments&amp;p=N</c> pages through one of them.
/// </summary>
public sealed class ProfileModel(AppDbContext db, CollectionService collections, Members members) : PageModel
{
    public const int OverviewSize = 5;
    public const int PageSize = 20;
    public static readonly string[] Lists = ["submitted", "upvoted", "comments"];

    public PublicMember Member { get; private set; } = null!;
    public bool IsOwner { get; private set; }
    /// <summary>The reader moderates, so the page links to the member's moderation page.</summary>
    public bool ViewerModerates { get; private set; }

    /// <summary>The one list being paged through, or null for the overview.</summary>
    public string? List { get; private set; }
    public int PageNumber { get; private set; }
    public int Size => List is null ? OverviewSize : PageSize;

    public IReadOnlyList<PaperView> Submitted { get; private set; } = [];
    public IReadOnlyList<PaperView> Upvoted { get; private set; } = [];
    public IReadOnlyList<ProfileComment> Comments { get; private set; } = [];
    public IReadOnlyList<CollectionSummary> Collections { get; private set; } = [];
    public bool MoreSubmitted { get; private set; }
    public bool MoreUpvoted { get; private set; }
    public bool MoreComments { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, [FromQuery] string? list, [FromQuery] int p, CancellationToken ct)
    {
        if (await PublicMember.FindAsync(db, name, ct) is not { } member) return NotFound();
        if (list is not null && !Lists.Contains(list)) return NotFound();
        Member = member;
        IsOwner = PublicMember.ViewerId(User) == member.Id;
        ViewerModerates = await members.CurrentAsync(User) is { } viewer && await members.IsModeratorAsync(viewer);
        List = list;
        PageNumber = list is null ? 0 : Math.Clamp(p, 0, 10_000);
        var skip = PageNumber * Size;
        if (list is null or "submitted")
            (Submitted, MoreSubmitted) = Trim(await ProfileQueries.SubmittedAsync(db, member.Id, skip, Size + 1, ct));
        if (list is null or "upvoted")
            (Upvoted, MoreUpvoted) = Trim(await ProfileQueries.UpvotedAsync(db, member.Id, skip, Size + 1, ct));
        if (list is null or "comments")
            (Comments, MoreComments) = Trim(await ProfileQueries.CommentsAsync(db, member.Id, skip, Size + 1, ct));
        if (list is null)
            Collections = await collections.ListAsync(member.Id, includePrivate: IsOwner, ct);
        // The member's submissions, then the feeds of the public collections listed here.
        ViewData[FeedLinks.ViewDataKey] = Collections.Where(c => c.IsPublic)
            .Select(c => FeedLinks.Collection(member.UserName, c.Slug, c.Name)).Prepend(FeedLinks.Submitted(member.UserName)).ToList();
        return Page();
    }

    public string ListUrl(string list, int page = 0) =>
        $"/users/{Uri.EscapeDataString(Member.UserName)}?list={list}" + (page > 0 ? $"&p={page}" : "");

    private (IReadOnlyList<T>, bool) Trim<T>(List<T> rows) => (rows.Take(Size).ToList(), rows.Count > Size);
}
