using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Trending;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Community.Moderation;

/// <summary>
/// Every moderation write. Each changes its rows and adds its <see cref="AuditEntry"/> in one transaction, so
/// the log never misses an action nor records one that did not happen. Each states its outcome ("hidden"),
/// so repeating it changes nothing and logs nothing: the methods answer whether anything changed. Callers
/// check that the actor may do it.
/// </summary>
public sealed class ModerationService(AppDbContext db, TimeProvider clock, FeedResponseCache feedCache)
{
    /// <summary>Characters in a reason (a ban's reason is stored on the user, where it has room for this many).</summary>
    public const int MaxReason = 500;

    public async Task<bool> SetPaperHiddenAsync(User actor, long paperId, string arxivId, bool hide, string? reason, CancellationToken ct)
    {
        var changed = await Transactions.RunAsync(db, async t =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = hide
                ? await db.DailyEntries.Where(e => e.PaperId == paperId && e.HiddenAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.HiddenAt, now), t)
                : await db.DailyEntries.Where(e => e.PaperId == paperId && e.HiddenAt != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.HiddenAt, (DateTime?)null), t);
            if (rows == 0) return false;
            await AuditAsync(actor, hide ? AuditActions.HidePaper : AuditActions.ShowPaper, arxivId, reason, t);
            return true;
        }, ct);
        // The feed API's cached days would show a hidden paper for a few more seconds; moderation should not wait.
        if (changed) feedCache.Invalidate();
        return changed;
    }

    /// <summary>
    /// Hides or shows a comment. A comment that is not deleted leaves the entry's count when hidden and comes
    /// back when shown; the same statement that flips it says whether it was deleted, so a delete racing with a
    /// hide changes the count once.
    /// </summary>
    public Task<bool> SetCommentHiddenAsync(User actor, long commentId, string arxivId, bool hide, string? reason, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var (conn, tx) = Transactions.Ado(db);
            await using var cmd = Sql.Command(conn, tx, hide
                ? "UPDATE comments SET \"HiddenAt\" = @at WHERE \"Id\" = @id AND \"HiddenAt\" IS NULL RETURNING \"PaperId\", \"DeletedAt\""
                : "UPDATE comments SET \"HiddenAt\" = NULL WHERE \"Id\" = @id AND \"HiddenAt\" IS NOT NULL RETURNING \"PaperId\", \"DeletedAt\"");
            if (hide) Sql.Add(cmd, "@at", clock.GetUtcNow().UtcDateTime);
            Sql.Add(cmd, "@id", commentId);
            long paperId;
            bool counted;
            await using (var r = await cmd.ExecuteReaderAsync(t))
            {
                if (!await r.ReadAsync(t)) return false;
                paperId = r.GetInt64(0);
                counted = r.IsDBNull(1);
            }
            if (counted) await EntryCounts.AdjustAsync(db, paperId, 0, hide ? -1 : 1, t);
            await AuditAsync(actor, hide ? AuditActions.HideComment : AuditActions.ShowComment, $"comment {commentId} on {arxivId}", reason, t);
            return true;
        }, ct);

    /// <summary>Bans or unbans. Every write checks the ban in the database, so it holds from the member's next request.</summary>
    public Task<bool> SetBannedAsync(User actor, User target, bool ban, string? reason, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = ban
                ? await db.Users.Where(u => u.Id == target.Id && u.BannedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.BannedAt, now).SetProperty(u => u.BanReason, reason), t)
                : await db.Users.Where(u => u.Id == target.Id && u.BannedAt != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.BannedAt, (DateTime?)null).SetProperty(u => u.BanReason, (string?)null), t);
            if (rows == 0) return false;
            await AuditAsync(actor, ban ? AuditActions.BanUser : AuditActions.UnbanUser, target.UserName!, reason, t);
            return true;
        }, ct);

    /// <summary>
    /// Grants or revokes the moderator role. Pages check roles in the database on every request, so the change
    /// holds at once; the role claims in the member's cookie catch up when it is next validated (within a minute).
    /// </summary>
    public Task<bool> SetModeratorAsync(User actor, User target, bool grant, string? reason, CancellationToken ct) =>
        Transactions.RunAsync(db, async t =>
        {
            var normalized = Roles.Moderator.ToUpperInvariant();
            var roleId = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).FirstAsync(t);
            int rows;
            if (grant)
            {
                var (conn, tx) = Transactions.Ado(db);
                await using var insert = Sql.Command(conn, tx,
                    "INSERT INTO user_roles (\"UserId\", \"RoleId\") VALUES (@u, @r) ON CONFLICT DO NOTHING");
                Sql.Add(insert, "@u", target.Id);
                Sql.Add(insert, "@r", roleId);
                rows = await insert.ExecuteNonQueryAsync(t);
            }
            else
            {
                rows = await db.UserRoles.Where(r => r.UserId == target.Id && r.RoleId == roleId).ExecuteDeleteAsync(t);
            }
            if (rows == 0) return false;
            var why = string.IsNullOrEmpty(reason) ? Roles.Moderator : $"{Roles.Moderator}: {reason}";
            await AuditAsync(actor, grant ? AuditActions.GrantRole : AuditActions.RevokeRole, target.UserName!, why, t);
            return true;
        }, ct);

    private async Task AuditAsync(User actor, string action, string target, string? reason, CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, ActorId = actor.Id, ActorName = actor.UserName!, Action = action,
            Target = target, Reason = string.IsNullOrWhiteSpace(reason) ? null : reason,
        });
        await db.SaveChangesAsync(ct);
    }
}
