using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Trending;
using Paperboy.Data;
using Paperboy.Import;
using Paperboy.Operations;
using Paperboy.Papers;
using Paperboy.Web;

namespace Paperboy.Community.Submissions;

public enum SubmitStatus { Submitted, AlreadyOnFeed, TooOld, NotOnArxiv, ArxivUnreachable }

/// <summary>The outcome of a submission; <see cref="Day"/> is the feed day of the new or the existing entry.</summary>
public sealed record SubmitResult(SubmitStatus Status, string ArxivId, DateOnly? Day = null, int AgeDays = 0);

/// <summary>
/// Puts a paper on today's feed on a member's behalf. The paper comes from the papers table when it is stored
/// already, else from the arXiv API, and is stored through <see cref="PaperWriter"/> (the importers' door, which
/// hands out change numbers from the counters row). The entry and the submitter's own upvote are then written
/// in one transaction: as on Hugging Face, a submission counts as its submitter's first vote.
/// </summary>
public sealed class SubmissionService(AppDbContext db, ArxivApiClient arxiv, SubmissionOptions options,
    SiteOptions site, TimeProvider clock, FeedResponseCache feedCache)
{
    /// <param name="anyAge">Moderators and admins may submit papers older than <see cref="SubmissionOptions.MaxAgeDays"/>.</param>
    public async Task<SubmitResult> SubmitAsync(User submitter, string arxivId, bool anyAge, CancellationToken ct)
    {
        var stored = await db.Papers.AsNoTracking().Where(p => p.ArxivId == arxivId)
            .Select(p => new { p.Id, p.PublishedAt }).FirstOrDefaultAsync(ct);
        if (stored is not null && await ExistingDayAsync(stored.Id, ct) is { } day)
            return new SubmitResult(SubmitStatus.AlreadyOnFeed, arxivId, day);

        PaperRecord? fetched = null;
        if (stored is null)
        {
            var lookup = await arxiv.LookUpAsync(arxivId, ct);
            if (lookup.Failure is not null) return new SubmitResult(SubmitStatus.ArxivUnreachable, arxivId);
            if (lookup.Paper is null) return new SubmitResult(SubmitStatus.NotOnArxiv, arxivId);
            fetched = lookup.Paper;
        }

        var today = site.Today(clock);
        var age = AgeDays(stored?.PublishedAt ?? fetched!.PublishedAt, today);
        // A paper without a publication date (some imports lack one) cannot be shown to be new.
        if (!anyAge && (age is null || age > options.MaxAgeDays))
            return new SubmitResult(SubmitStatus.TooOld, arxivId, AgeDays: age ?? int.MaxValue);

        var paperId = stored?.Id ?? await StoreAsync(fetched!, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = await Transactions.RunAsync(db, t => AddEntryAsync(submitter, paperId, today, now, t), ct);
        if (!added)
            return new SubmitResult(SubmitStatus.AlreadyOnFeed, arxivId, await ExistingDayAsync(paperId, ct));
        // The feed API caches responses for a few seconds; the submitter expects to see the paper at once.
        feedCache.Invalidate();
        return new SubmitResult(SubmitStatus.Submitted, arxivId, today);
    }

    /// <summary>Whole days between the paper's first version and today, both in the site's time zone.</summary>
    public int? AgeDays(DateTime? publishedAt, DateOnly today) =>
        publishedAt is { } at
            ? today.DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), site.Zone)).DayNumber
            : null;

    private Task<DateOnly?> ExistingDayAsync(long paperId, CancellationToken ct) =>
        db.DailyEntries.Where(e => e.PaperId == paperId).Select(e => (DateOnly?)e.Day).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Stores a paper fetched from arXiv and returns its row id. Two members submitting the same new paper at once
    /// may both try to insert it; on PostgreSQL the second then fails on the unique arXiv id, and finds the row the
    /// first one wrote.
    /// </summary>
    private async Task<long> StoreAsync(PaperRecord paper, CancellationToken ct)
    {
        try
        {
            PaperboyMetrics.PapersWritten("submission", await new PaperWriter(db).WriteAsync([paper], ct: ct));
        }
        catch (DbException)
        {
            if (!await db.Papers.AnyAsync(p => p.ArxivId == paper.ArxivId, ct)) throw;
        }
        return await db.Papers.Where(p => p.ArxivId == paper.ArxivId).Select(p => p.Id).FirstAsync(ct);
    }

    /// <summary>
    /// Inside the transaction: the entry, unless the paper got one meanwhile (the unique PaperId decides a race),
    /// then the submitter's upvote and the entry's counts and trending score. False when someone else was first.
    /// </summary>
    private async Task<bool> AddEntryAsync(User submitter, long paperId, DateOnly today, DateTime now, CancellationToken ct)
    {
        var (conn, tx) = Transactions.Ado(db);
        await using (var insert = Sql.Command(conn, tx,
            "INSERT INTO daily_entries (\"PaperId\", \"Day\", \"SubmittedAt\", \"SubmittedBy\", \"SubmitterId\", \"Upvotes\", " +
            "\"CommentCount\", \"LocalUpvotes\", \"LocalComments\", \"Trending\") " +
            "VALUES (@p, @day, @at, @by, @user, 0, 0, 0, 0, @trending) ON CONFLICT (\"PaperId\") DO NOTHING"))
        {
            Sql.Add(insert, "@p", paperId);
            Sql.Add(insert, "@day", today);
            Sql.Add(insert, "@at", now);
            Sql.Add(insert, "@by", submitter.UserName);
            Sql.Add(insert, "@user", submitter.Id);
            Sql.Add(insert, "@trending", TrendingScore.Compute(0, 0, now));
            if (await insert.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        await using (var vote = Sql.Command(conn, tx,
            "INSERT INTO votes (\"UserId\", \"PaperId\", \"CreatedAt\") VALUES (@u, @p, @at) ON CONFLICT DO NOTHING"))
        {
            Sql.Add(vote, "@u", submitter.Id);
            Sql.Add(vote, "@p", paperId);
            Sql.Add(vote, "@at", now);
            if (await vote.ExecuteNonQueryAsync(ct) == 1) await EntryCounts.AdjustAsync(db, paperId, 1, 0, ct);
        }
        return true;
    }
}
