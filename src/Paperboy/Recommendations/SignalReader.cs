using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Recommendations;

/// <summary>Reads a member's <see cref="UserSignals"/> from what they did on the site and what they said they like.</summary>
public static class SignalReader
{
    // How a paper reached the member, strongest last; the marks are not positives but ride in the same query.
    private const int Example = 0, Upvoted = 1, Saved = 2, Submitted = 3, NotInterested = 4;

    /// <summary>
    /// Two queries, each an index walk by member: every paper the member upvoted, saved to any collection, submitted
    /// or picked as an example, with their marks, in one UNION ALL; then their follows. A paper liked several ways
    /// is one positive, of its strongest kind (submitted, saved, upvoted, example) at its latest time. A paper
    /// marked "not interested" is no positive whatever else the member did with it: the mark is the newer word,
    /// since upvoting or saving a paper one said no to is rare, and the mark can be undone.
    /// </summary>
    public static async Task<UserSignals> ReadAsync(AppDbContext db, long userId, CancellationToken ct)
    {
        var rows = await db.Votes.Where(v => v.UserId == userId)
            .Select(v => new { v.PaperId, Source = Upvoted, At = v.CreatedAt })
            .Concat(db.CollectionItems.Where(i => db.Collections.Any(c => c.Id == i.CollectionId && c.UserId == userId))
                .Select(i => new { i.PaperId, Source = Saved, At = i.AddedAt }))
            .Concat(db.DailyEntries.Where(e => e.SubmitterId == userId)
                .Select(e => new { e.PaperId, Source = Submitted, At = e.SubmittedAt }))
            .Concat(db.PaperMarks.Where(m => m.UserId == userId)
                .Select(m => new { m.PaperId, Source = m.Kind == PaperMarkKind.Example ? Example : NotInterested, At = m.CreatedAt }))
            .ToListAsync(ct);
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId)
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Key)
            .Select(f => new { f.Kind, f.Value }).ToListAsync(ct);

        var notInterested = rows.Where(r => r.Source == NotInterested).Select(r => r.PaperId).ToHashSet();
        var positives = rows.Where(r => r.Source != NotInterested && !notInterested.Contains(r.PaperId))
            .GroupBy(r => r.PaperId)
            .Select(g => new PaperSignal(g.Key, KindOf(g.Max(r => r.Source)), Interests.Utc(g.Max(r => r.At))))
            .OrderByDescending(p => p.At).ThenBy(p => p.PaperId)
            .ToList();
        return new UserSignals(userId, positives, notInterested.Order().ToList(),
            follows.Where(f => f.Kind == FollowKind.Author).Select(f => f.Value).ToList(),
            follows.Where(f => f.Kind == FollowKind.Category).Select(f => f.Value).ToList());
    }

    private static SignalKind KindOf(int source) => source switch
    {
        Submitted => SignalKind.Submitted,
        Saved => SignalKind.Saved,
        Upvoted => SignalKind.Upvoted,
        _ => SignalKind.Example,
    };
}
