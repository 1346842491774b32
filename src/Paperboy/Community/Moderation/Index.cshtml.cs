using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;

namespace Paperboy.Community.Moderation;

/// <summary><c>/admin</c>: the moderation tools in one place: find a member, the moderators, who is banned, what is hidden.</summary>
public sealed class IndexModel(AppDbContext db, Members members, UserManager<User> users) : ModerationModel(members, users)
{
    public const int Shown = 50;

    public sealed record Member(string Name, DateTime? BannedAt, string? Reason);
    public sealed record HiddenPaper(string ArxivId, string Title, DateTime HiddenAt);

    public List<(string Name, string Role)> Staff { get; private set; } = [];
    public List<Member> Banned { get; private set; } = [];
    public List<HiddenPaper> Hidden { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ReaderAsync() is null) return Page();
        Staff = (await (from ur in db.UserRoles
                        join u in db.Users on ur.UserId equals u.Id
                        join r in db.Roles on ur.RoleId equals r.Id
                        orderby r.Name, u.UserName
                        select new { u.UserName, r.Name }).ToListAsync(ct))
            .Select(x => (x.UserName!, x.Name!)).ToList();
        Banned = await db.Users.AsNoTracking().Where(u => u.BannedAt != null).OrderByDescending(u => u.BannedAt)
            .Select(u => new Member(u.UserName!, u.BannedAt, u.BanReason)).Take(Shown).ToListAsync(ct);
        Hidden = await db.DailyEntries.AsNoTracking().Where(e => e.HiddenAt != null).OrderByDescending(e => e.HiddenAt)
            .Select(e => new HiddenPaper(e.Paper.ArxivId, e.Paper.Title, e.HiddenAt!.Value)).Take(Shown).ToListAsync(ct);
        return Page();
    }
}
