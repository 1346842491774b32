using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Recommendations;

/// <summary>A follow as lists show it.</summary>
public sealed record Followed(FollowKind Kind, string Value, DateTime Since)
{
    /// <summary>A category's name in words when arXiv's taxonomy knows it.</summary>
    public string? Name => Kind == FollowKind.Category ? Import.OaiPmh.ArxivSubjects.Name(Value) : null;
}

/// <summary>A marked paper as lists show it.</summary>
public sealed record MarkedPaper(PaperView Paper, PaperMarkKind Kind, DateTime At);

/// <summary>What a member follows and the papers they marked, newest first.</summary>
public sealed record InterestList(IReadOnlyList<Followed> Follows, IReadOnlyList<MarkedPaper> Marks);

/// <summary>
/// The writes and reads of follows and paper marks. Callers check who is writing first (the forms and the API
/// take the member from <see cref="Community.Accounts.Members.WriterAsync"/>); every write here states the wanted
/// state, so a double click or a retried request changes nothing more.
/// </summary>
public static class Interests
{
    /// <summary>Lists show at most this many marked papers, the newest.</summary>
    public const int MaxListedMarks = 500;

    /// <summary>Follows; true when the follow is new. The key refuses a second row for the same author or category.</summary>
    public static Task<bool> FollowAsync(AppDbContext db, long userId, FollowTarget target, DateTime now, CancellationToken ct) =>
        Transactions.RunAsync(db, async t => await db.Database.ExecuteSqlAsync($"""
            INSERT INTO follows ("UserId", "Kind", "Key", "Value", "CreatedAt")
            VALUES ({userId}, {target.Kind.ToString()}, {target.Key}, {target.Value}, {now})
            ON CONFLICT DO NOTHING
            """, t) > 0, ct);

    /// <summary>The member's follow with <paramref name="target"/>'s key, as stored, or null.</summary>
    public static async Task<Followed?> FindFollowAsync(AppDbContext db, long userId, FollowTarget target, CancellationToken ct)
    {
        var found = await db.Follows.AsNoTracking().Where(f => f.UserId == userId && f.Kind == target.Kind && f.Key == target.Key)
            .Select(f => new Followed(f.Kind, f.Value, f.CreatedAt)).FirstOrDefaultAsync(ct);
        return found is null ? null : found with { Since = Utc(found.Since) };
    }

    /// <summary>Unfollows; true when there was such a follow (matched by its key, so "kovac" unfollows "Kovač").</summary>
    public static async Task<bool> UnfollowAsync(AppDbContext db, long userId, FollowTarget target, CancellationToken ct) =>
        await db.Follows.Where(f => f.UserId == userId && f.Kind == target.Kind && f.Key == target.Key).ExecuteDeleteAsync(ct) > 0;

    /// <summary>
    /// Marks a paper. The latest mark replaces the other ("not interested" removes an example mark and the other way
    /// round); marking again the same way keeps the first time.
    /// </summary>
    public static Task MarkAsync(AppDbContext db, long userId, long paperId, PaperMarkKind kind, DateTime now, CancellationToken ct) =>
        Transactions.RunAsync(db, async t => await db.Database.ExecuteSqlAsync($"""
            INSERT INTO paper_marks ("UserId", "PaperId", "Kind", "CreatedAt") VALUES ({userId}, {paperId}, {kind.ToString()}, {now})
            ON CONFLICT ("UserId", "PaperId") DO UPDATE SET "Kind" = excluded."Kind", "CreatedAt" = excluded."CreatedAt"
            WHERE paper_marks."Kind" <> excluded."Kind"
            """, t), ct);

    /// <summary>Takes back a mark of <paramref name="kind"/>; a mark of the other kind stays. True when one was removed.</summary>
    public static async Task<bool> UnmarkAsync(AppDbContext db, long userId, long paperId, PaperMarkKind kind, CancellationToken ct) =>
        await db.PaperMarks.Where(m => m.UserId == userId && m.PaperId == paperId && m.Kind == kind).ExecuteDeleteAsync(ct) > 0;

    /// <summary>
    /// The row id of a paper a member may mark: one the site has, unless a moderator hid it (then it is gone for
    /// members, and marking it would say it exists). Null otherwise.
    /// </summary>
    public static Task<long?> MarkablePaperAsync(AppDbContext db, string arxivId, CancellationToken ct) =>
        db.Papers.Where(p => p.ArxivId == arxivId && !db.DailyEntries.Any(e => e.PaperId == p.Id && e.HiddenAt != null))
            .Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Which of <paramref name="paperIds"/> the member marked not interested, for drawing cards.</summary>
    public static async Task<HashSet<long>> NotInterestedAmongAsync(AppDbContext db, long userId, IReadOnlyCollection<long> paperIds,
        CancellationToken ct) =>
        paperIds.Count == 0
            ? []
            : (await db.PaperMarks.Where(m => m.UserId == userId && m.Kind == PaperMarkKind.NotInterested && paperIds.Contains(m.PaperId))
                .Select(m => m.PaperId).ToListAsync(ct)).ToHashSet();

    /// <summary>The member's follows (authors, then categories, each newest first) and their newest marks.</summary>
    public static async Task<InterestList> ListAsync(AppDbContext db, long userId, CancellationToken ct)
    {
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId)
            .OrderBy(f => f.Kind).ThenByDescending(f => f.CreatedAt).ThenBy(f => f.Key)
            .Select(f => new Followed(f.Kind, f.Value, f.CreatedAt)).ToListAsync(ct);
        var marks = await db.PaperMarks.AsNoTracking().Where(m => m.UserId == userId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.PaperId).Take(MaxListedMarks)
            .Select(m => new { m.PaperId, m.Kind, m.CreatedAt }).ToListAsync(ct);
        var cards = await PaperCards.ByIdAsync(db, marks.Select(m => m.PaperId).ToList(), ct);
        return new InterestList(
            follows.Select(f => f with { Since = Utc(f.Since) }).ToList(),
            marks.Where(m => cards.ContainsKey(m.PaperId)).Select(m => new MarkedPaper(cards[m.PaperId], m.Kind, Utc(m.CreatedAt))).ToList());
    }

    // SQLite hands back times without a kind; every time stored here is UTC.
    internal static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime();
}
