using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Digests;

/// <summary>Puts every digest that has become due in the outbox, once.</summary>
public sealed class DigestScheduler(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Adds an outbox row for each active subscription whose latest due period has none yet. The row's key is
    /// unique per (subscription, period) and the insert skips existing ones, so any number of nodes, reruns and
    /// restarts make one row; a server that was down at the hour makes it when it comes back. Returns the rows added.
    /// </summary>
    public async Task<int> EnqueueDueAsync(CancellationToken ct)
    {
        var missing = await MissingAsync(ct);
        var utc = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var chunk in missing.Chunk(1000))
        {
            added += await Transactions.RunAsync(db, async t =>
            {
                var n = 0;
                foreach (var (id, period) in chunk)
                    n += await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO digest_outbox ("SubscriptionId", "Period", "FirstDay", "LastDay", "Status", "Attempts", "NextAttemptAt", "CreatedAt")
                        VALUES ({id}, {period.Key}, {period.FirstDay}, {period.LastDay}, {nameof(OutboxStatus.Pending)}, 0, {utc}, {utc})
                        ON CONFLICT ("SubscriptionId", "Period") DO NOTHING
                        """, t);
                return n;
            }, ct);
        }
        return added;
    }

    /// <summary>
    /// What <see cref="EnqueueDueAsync"/> would add, composed but neither recorded nor sent: how many digests are
    /// due, and how many of them have nothing to tell.
    /// </summary>
    public async Task<(int Due, int Empty)> DryRunAsync(DigestContentSource content, DigestSender sender, CancellationToken ct)
    {
        var missing = await MissingAsync(ct);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.Status == SubscriptionStatus.Active).ToDictionaryAsync(s => s.Id, ct);
        var empty = 0;
        foreach (var (id, period) in missing)
        {
            var recipient = sender.Recipient(subscriptions[id], new DigestOutboxEntry { Period = period.Key });
            if ((await content.ForAsync(recipient, period, ct)).IsEmpty) empty++;
        }
        return (missing.Count, empty);
    }

    /// <summary>Each active subscription's latest due period that has no outbox row yet.</summary>
    private async Task<List<(long Id, DigestPeriod Period)>> MissingAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var active = await db.Subscriptions.AsNoTracking().Where(s => s.Status == SubscriptionStatus.Active)
            .Select(s => new Subscription
            {
                Id = s.Id, Email = "", NormalizedEmail = "", Token = "", Frequency = s.Frequency, SkipWeekends = s.SkipWeekends,
                Hour = s.Hour, TimeZone = s.TimeZone, CreatedAt = s.CreatedAt, ConfirmedAt = s.ConfirmedAt,
            })
            .ToListAsync(ct);
        // Every period due in the last week (four weeks for weekly digests), not only the latest: a server that was
        // down sends what fell due meanwhile when it comes back, late but not skipped. Older ones are news no more.
        var due = active.SelectMany(s => Enumerable.Range(0, s.Frequency == DigestFrequency.Weekly ? 4 : 7)
                .Select(back => DigestSchedule.LatestDue(s, now - TimeSpan.FromDays(back * (s.Frequency == DigestFrequency.Weekly ? 7 : 1))))
                .DistinctBy(p => p.Key)
                .Select(p => (s.Id, Period: p, Since: s.ConfirmedAt ?? s.CreatedAt)))
            // The first digest covers the day the subscription began: none is due for periods that ended before.
            .Where(d => d.Period.LastDay >= DateOnly.FromDateTime(d.Since))
            .ToList();
        if (due.Count == 0) return [];
        var keys = due.Select(d => d.Period.Key).Distinct().ToList();
        var existing = (await db.DigestOutbox.AsNoTracking().Where(o => keys.Contains(o.Period))
            .Select(o => new { o.SubscriptionId, o.Period }).ToListAsync(ct))
            .Select(o => (o.SubscriptionId, o.Period)).ToHashSet();
        return due.Where(d => !existing.Contains((d.Id, d.Period.Key))).Select(d => (d.Id, d.Period)).ToList();
    }
}
