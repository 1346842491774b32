using Paperboy.Community.Trending;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// Merges a daily-feed record into a paper's one feed entry. Idempotent and order-free: the earliest day (and
/// its submitter) wins, and counts only grow, since a later capture of the same day has more votes.
/// The trending score follows the merged counts (imported plus this site's own votes and comments); the
/// site's own counts are read, never written, here: votes change them concurrently.
/// </summary>
public static class DailyMerge
{
    public static DailyEntry Merge(DailyEntry? existing, DailyRecord r, long paperId)
    {
        var e = existing is null
            ? new DailyEntry { PaperId = paperId, Day = r.Day, SubmittedAt = SubmittedAt(r) }
            : Copy(existing);
        var earlier = existing is null || r.Day < e.Day;
        if (earlier)
        {
            e.Day = r.Day;
            e.SubmittedAt = SubmittedAt(r);
            e.SubmittedBy = r.SubmittedBy;
            e.SubmitterFullname = r.SubmitterFullname;
            e.SubmitterAvatarUrl = r.SubmitterAvatarUrl;
        }
        else if (r.Day == e.Day)
        {
            e.SubmittedBy ??= r.SubmittedBy;
            e.SubmitterFullname ??= r.SubmitterFullname;
            e.SubmitterAvatarUrl ??= r.SubmitterAvatarUrl;
        }
        e.Upvotes = Math.Max(e.Upvotes, r.Upvotes);
        e.CommentCount = Math.Max(e.CommentCount, r.CommentCount);
        e.Trending = EntryCounts.ScoreOf(e);
        return e;
    }

    public static bool SameContent(DailyEntry a, DailyEntry b) =>
        a.Day == b.Day && a.SubmittedAt.Ticks == b.SubmittedAt.Ticks && a.SubmittedBy == b.SubmittedBy &&
        a.SubmitterFullname == b.SubmitterFullname && a.SubmitterAvatarUrl == b.SubmitterAvatarUrl &&
        a.Upvotes == b.Upvotes && a.CommentCount == b.CommentCount && a.Trending == b.Trending;

    private static DateTime SubmittedAt(DailyRecord r) =>
        r.SubmittedAt ?? r.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static DailyEntry Copy(DailyEntry e) => new()
    {
        Id = e.Id, PaperId = e.PaperId, Day = e.Day, SubmittedAt = e.SubmittedAt, SubmittedBy = e.SubmittedBy,
        SubmitterFullname = e.SubmitterFullname, SubmitterAvatarUrl = e.SubmitterAvatarUrl,
        Upvotes = e.Upvotes, CommentCount = e.CommentCount, LocalUpvotes = e.LocalUpvotes, LocalComments = e.LocalComments,
        Trending = e.Trending, SubmitterId = e.SubmitterId, HiddenAt = e.HiddenAt,
    };
}
