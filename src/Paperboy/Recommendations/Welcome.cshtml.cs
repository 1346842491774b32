using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Import.OaiPmh;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Recommendations;

/// <summary>
/// <c>/welcome</c>: where a new member starts their recommendations. It offers the site's most common categories
/// and its most upvoted recent papers as checkboxes; the ticked categories are followed and the ticked papers
/// marked as examples. Skipping is fine, and the page can be filled again later from the interests page.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Other)]
public sealed class WelcomeModel(AppDbContext db, Members members, TimeProvider clock) : PageModel
{
    public const int CategoryChoices = 16;
    public const int PaperChoices = 12;
    /// <summary>Popular means among the newest papers: an index walk, not a count over a million rows.</summary>
    private const int CategorySample = 20_000;
    /// <summary>Example papers come from the latest feed days.</summary>
    private const int RecentDays = 30;

    public sealed record CategoryChoice(string Code, string? Name, bool Followed);

    public IReadOnlyList<CategoryChoice> Categories { get; private set; } = [];
    public IReadOnlyList<PaperView> Papers { get; private set; } = [];
    public IReadOnlySet<string> Examples { get; private set; } = new HashSet<string>();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (FeedPageModel.UserId(User) is not { } userId) return Challenge();
        await LoadAsync(userId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] List<string>? categories, [FromForm] List<string>? papers, CancellationToken ct)
    {
        var (writer, refusal) = await members.WriterAsync(User);
        if (writer is null) return await RefuseAsync(StatusCodes.Status403Forbidden, refusal!, ct);
        categories ??= [];
        papers ??= [];
        // Far more than the page offers: a form that sends more was not made by the page.
        if (categories.Count > 100 || papers.Count > 100)
            return await RefuseAsync(StatusCodes.Status400BadRequest, "Pick at most 100 categories and 100 papers at a time.", ct);

        var follows = new List<FollowTarget>();
        foreach (var category in categories.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (!FollowTarget.TryParse("category", category, out var target, out var error))
                return await RefuseAsync(StatusCodes.Status400BadRequest, error, ct);
            follows.Add(target);
        }
        var examples = new List<long>();
        // A browser never sends an empty tick; a hand-made form may, and it asks for nothing.
        foreach (var paper in papers.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (!ArxivId.TryParse(paper, out var id))
                return await RefuseAsync(StatusCodes.Status400BadRequest, $"\"{Cut(paper)}\" is not an arXiv id.", ct);
            if (await Interests.MarkablePaperAsync(db, id, ct) is not { } paperId)
                return await RefuseAsync(StatusCodes.Status404NotFound, $"The paper {id} is not on this site.", ct);
            examples.Add(paperId);
        }

        // Each is its own short write: a member who double-submits only repeats writes that change nothing.
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var target in follows) await Interests.FollowAsync(db, writer.Id, target, now, ct);
        foreach (var paperId in examples) await Interests.MarkAsync(db, writer.Id, paperId, PaperMarkKind.Example, now, ct);
        return LocalRedirect("/for-you");
    }

    private async Task<IActionResult> RefuseAsync(int status, string message, CancellationToken ct)
    {
        Error = message;
        Response.StatusCode = status;
        if (FeedPageModel.UserId(User) is { } userId) await LoadAsync(userId, ct);
        return Page();
    }

    private async Task LoadAsync(long userId, CancellationToken ct)
    {
        var followed = await db.Follows.Where(f => f.UserId == userId && f.Kind == FollowKind.Category)
            .Select(f => f.Key).ToListAsync(ct);
        var popular = await db.Papers.OrderByDescending(p => p.Id).Take(CategorySample)
            .Where(p => p.PrimaryCategory != null && p.PrimaryCategory != "")
            .GroupBy(p => p.PrimaryCategory!)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code).Take(CategoryChoices)
            .ToListAsync(ct);
        Categories = popular
            .Select(c => new CategoryChoice(ArxivSubjects.Canonical(c.Code) ?? c.Code, ArxivSubjects.Name(c.Code),
                followed.Contains(c.Code.ToLowerInvariant())))
            .ToList();

        var latest = await FeedQueries.LatestDayAsync(db, ct);
        if (latest is { } day)
        {
            var from = day.AddDays(-RecentDays);
            var ids = await db.DailyEntries.Where(e => e.Day > from && e.HiddenAt == null)
                .OrderByDescending(e => e.Upvotes + e.LocalUpvotes).ThenByDescending(e => e.Day).ThenBy(e => e.PaperId)
                .Select(e => e.PaperId).Take(PaperChoices).ToListAsync(ct);
            Papers = await PaperCards.LoadAsync(db, ids, ct);
            var marked = await db.PaperMarks.Where(m => m.UserId == userId && m.Kind == PaperMarkKind.Example && ids.Contains(m.PaperId))
                .Select(m => m.PaperId).ToListAsync(ct);
            var arxivIds = await db.Papers.Where(p => marked.Contains(p.Id)).Select(p => p.ArxivId).ToListAsync(ct);
            Examples = arxivIds.ToHashSet();
        }
    }

    private static string Cut(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
