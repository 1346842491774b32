using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;

namespace Paperboy.Community.Comments;

/// <summary>Reads what the paper page needs beyond the paper: who is looking, whether it is hidden, its comments.</summary>
public sealed class Discussions(AppDbContext db, Members members)
{
    /// <summary>Null when the paper is not on the feed, where there is nothing to discuss.</summary>
    public async Task<Discussion?> LoadAsync(string arxivId, ClaimsPrincipal principal, CancellationToken ct)
    {
        var entry = await db.DailyEntries.AsNoTracking().Where(e => e.Paper.ArxivId == arxivId)
            .Select(e => new { e.PaperId, e.HiddenAt }).FirstOrDefaultAsync(ct);
        if (entry is null) return null;
        var viewer = await ViewerAsync(principal);
        var rows = await (from c in db.Comments.AsNoTracking()
                          where c.PaperId == entry.PaperId
                          join u in db.Users.AsNoTracking() on c.UserId equals u.Id
                          select new CommentRow(c.Id, c.ParentId, c.UserId, u.UserName!, c.Body, c.Html, c.CreatedAt, c.EditedAt,
                              c.DeletedAt, c.HiddenAt))
            .ToListAsync(ct);
        return new Discussion(arxivId, entry.PaperId, entry.HiddenAt, viewer, CommentThread.Arrange(rows, viewer));
    }

    /// <summary>From the database, not the cookie: a ban or a new role shows on the very next page.</summary>
    public async Task<Viewer> ViewerAsync(ClaimsPrincipal principal)
    {
        var user = await members.CurrentAsync(principal);
        return user is null ? Viewer.Anonymous : new Viewer(user.Id, user.UserName, await members.IsModeratorAsync(user), user.IsBanned);
    }
}
