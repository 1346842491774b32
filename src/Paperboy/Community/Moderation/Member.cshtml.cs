using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Community.Moderation;

/// <summary>
/// <c>/admin/users/{name}</c>: one member as moderators see them, with the ban form and, for administrators, the
/// moderator role. The lookup form on <c>/admin</c> asks for <c>/admin/users?name=</c>, answered here too.
/// </summary>
[EnableRateLimiting(RateLimits.Other)]
public sealed class MemberModel(AppDbContext db, Members members, UserManager<User> users, ModerationService moderation)
    : ModerationModel(members, users)
{
    public const int RecentShown = 20;

    public sealed record RecentComment(long Id, string ArxivId, string Body, DateTime CreatedAt, bool Removed);

    public User? Target { get; private set; }
    public IList<string> TargetRoles { get; private set; } = [];
    public List<RecentComment> Recent { get; private set; } = [];
    public bool ViewerIsAdmin { get; private set; }

    /// <summary>The name comes from the path, or from the query when the lookup form sent it.</summary>
    public async Task<IActionResult> OnGetAsync(string? name, CancellationToken ct)
    {
        if (await ReaderAsync() is not { } viewer) return Page();
        if (string.IsNullOrWhiteSpace(name)) return Redirect("/admin");
        if (await FindAsync(name) is null) return Page();
        ViewerIsAdmin = await IsAdminAsync(viewer);
        TargetRoles = await Users.GetRolesAsync(Target!);
        Recent = await db.Comments.AsNoTracking().Where(c => c.UserId == Target!.Id)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(RecentShown)
            .Join(db.Papers, c => c.PaperId, p => p.Id,
                (c, p) => new RecentComment(c.Id, p.ArxivId, c.Body, c.CreatedAt, c.DeletedAt != null || c.HiddenAt != null))
            .ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBanAsync(string? name, [FromForm] string? reason, CancellationToken ct)
    {
        if (await ActorAsync() is not { } actor || await FindAsync(name) is not { } target) return Page();
        var why = Reason(reason);
        if (why is null) return Answer(StatusCodes.Status400BadRequest, "Give a reason for the ban: the member sees it.");
        if (why.Length > ModerationService.MaxReason) return Answer(StatusCodes.Status400BadRequest, $"A reason has at most {ModerationService.MaxReason} characters.");
        if (target.Id == actor.Id) return Answer(StatusCodes.Status400BadRequest, "You cannot ban yourself.");
        var targetRoles = await Users.GetRolesAsync(target);
        if (targetRoles.Contains(Roles.Admin)) return Answer(StatusCodes.Status403Forbidden, "An administrator cannot be banned.");
        if (targetRoles.Contains(Roles.Moderator) && !await IsAdminAsync(actor)) return Answer(StatusCodes.Status403Forbidden, "Only an administrator can ban a moderator.");
        await moderation.SetBannedAsync(actor, target, true, why, ct);
        return Back(target);
    }

    public async Task<IActionResult> OnPostUnbanAsync(string? name, [FromForm] string? reason, CancellationToken ct)
    {
        if (await ActorAsync() is not { } actor || await FindAsync(name) is not { } target) return Page();
        if (Reason(reason) is { Length: > ModerationService.MaxReason }) return Answer(StatusCodes.Status400BadRequest, $"A reason has at most {ModerationService.MaxReason} characters.");
        await moderation.SetBannedAsync(actor, target, false, Reason(reason), ct);
        return Back(target);
    }

    public async Task<IActionResult> OnPostModeratorAsync(string? name, [FromForm] bool grant, [FromForm] string? reason, CancellationToken ct)
    {
        if (await ActorAsync(adminOnly: true) is not { } actor || await FindAsync(name) is not { } target) return Page();
        if (!ModelState.IsValid) return Answer(StatusCodes.Status400BadRequest, "Say whether to grant or to revoke the role.");
        if (Reason(reason) is { Length: > ModerationService.MaxReason }) return Answer(StatusCodes.Status400BadRequest, $"A reason has at most {ModerationService.MaxReason} characters.");
        await moderation.SetModeratorAsync(actor, target, grant, Reason(reason), ct);
        return Back(target);
    }

    /// <summary>The member called <paramref name="name"/>, also kept in <see cref="Target"/>; null after refusing with 404.</summary>
    private async Task<User?> FindAsync(string? name)
    {
        Target = string.IsNullOrWhiteSpace(name) ? null : await Users.FindByNameAsync(name.Trim());
        if (Target is null) Refuse(StatusCodes.Status404NotFound, $"No member is called \"{name}\".");
        return Target;
    }

    private RedirectResult Back(User target) => Redirect("/admin/users/" + Uri.EscapeDataString(target.UserName!));
}
