using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;

namespace Paperboy.Community.Moderation;

/// <summary><c>/admin/audit?p=N</c>: the moderation log, newest first, <see cref="PageSize"/> entries a page.</summary>
public sealed class AuditModel(AppDbContext db, Members members, UserManager<User> users) : ModerationModel(members, users)
{
    public const int PageSize = 50;

    public List<AuditEntry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasNext { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] int p, CancellationToken ct)
    {
        if (await ReaderAsync() is null) return Page();
        PageNumber = Math.Max(0, p);
        // Id breaks ties between entries of the same instant, in the order they were written.
        var rows = await db.AuditLog.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(PageNumber * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNext = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
        return Page();
    }
}
