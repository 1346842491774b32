using Microsoft.EntityFrameworkCore;
using System.Threading.Channels;
using MimeKit;
using Paperboy.Data;
using Paperboy.Operations;
using Paperboy.Mail;

namespace Paperboy.Digests;

/// <summary>What one send run did.</summary>
public sealed record DigestRunSummary(int Sent, int Empty, int Retrying, int Bounced, int Failed, int Cancelled)
{
    public int Total => Sent + Empty + Retrying + Bounced + Failed + Cancelled;
    public override string ToString() =>
        $"{Sent} sent, {Empty} empty (not sent), {Retrying} to retry, {Bounced} bounced, {Failed} failed, {Cancelled} cancelled";
}

/// <summary>
/// Sends the outbox's due digests: claims a batch for a while (so another node or run leaves it alone), composes
/// each, hands it to the mail sender, and records the outcome. A digest is marked sent only after the mail server
/// took it; a crash in between leaves the claim to expire and the digest is sent again with the same Message-Id
/// (the one case SMTP cannot rule out, and the id lets mail clients show it once).
/// </summary>
public sealed class DigestSender(AppDbContext db, DigestContentSource content, DigestComposer composer, IMailSender mail,
    SubscriptionLinks links, DigestOptions options, TimeProvider clock, ILogger<DigestSender> log)
{
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Sends until nothing due is left (or <paramref name="max"/> digests were handled).</summary>
    public async Task<DigestRunSummary> SendDueAsync(CancellationToken ct, int max = int.MaxValue)
    {
        int sent = 0, empty = 0, retrying = 0, bounced = 0, failed = 0, cancelled = 0;
        int Handled() => sent + empty + retrying + bounced + failed + cancelled;
        while (Handled() < max)
        {
            var batch = await ClaimAsync(Math.Min(options.Parallelism * 8, max - Handled()), ct);
            if (batch.Count == 0) break;
            var subscriptions = await db.Subscriptions.Where(s => batch.Select(o => o.SubscriptionId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            // Composing reads the database (one context): one digest after another. Sending waits on the network: several at once.
            var work = new List<(DigestOutboxEntry Row, Subscription Sub, MimeMessage Message)>();
            foreach (var row in batch)
            {
                var sub = subscriptions[row.SubscriptionId];
                if (sub.Status != SubscriptionStatus.Active) { row.Status = OutboxStatus.Cancelled; cancelled++; continue; }
                var recipient = Recipient(sub, row);
                var digest = await content.ForAsync(recipient, new DigestPeriod(row.Period, row.FirstDay, row.LastDay), ct);
                if (digest.IsEmpty) { row.Status = OutboxStatus.Empty; empty++; continue; }
                work.Add((row, sub, composer.Compose(recipient, digest)));
            }
            // Rows with nothing to send (cancelled, empty) are recorded at once.
            var idle = batch.Where(r => r.Status != OutboxStatus.Pending).ToList();
            if (idle.Count > 0) await RecordAsync(idle, idle.Select(r => subscriptions[r.SubscriptionId]).Distinct(), ct);
            // Each outcome is recorded as soon as its send returns, not when the batch is done: a crash can then
            // leave only the sends in flight accepted by the server and unrecorded.
            var outcomes = Channel.CreateUnbounded<(int Index, Exception? Error)>();
            var sending = Parallel.ForAsync(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
                async (i, token) =>
                {
                    Exception? error = null;
                    try { await mail.SendAsync(work[i].Message, token); }
                    catch (Exception e) when (e is not OperationCanceledException) { error = e; }
                    await outcomes.Writer.WriteAsync((i, error), token);
                });
            _ = sending.ContinueWith(t => outcomes.Writer.TryComplete(t.Exception), TaskScheduler.Default);
            await foreach (var (i, error) in outcomes.Reader.ReadAllAsync(ct))
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var (row, sub, _) = work[i];
                row.Attempts++;
                switch (error)
                {
                    case null:
                        row.Status = OutboxStatus.Sent;
                        row.SentAt = now;
                        row.LastError = null;
                        // Two periods of one subscription may go in one batch (after an outage), in either order.
                        if (sub.LastDigestDay is not { } last || last < row.LastDay) sub.LastDigestDay = row.LastDay;
                        sub.Bounces = 0;
                        sent++;
                        break;
                    case MailDeliveryException { IsBounce: true } bounce:
                        row.Status = OutboxStatus.Bounced;
                        row.LastError = Short(bounce.Message);
                        if (++sub.Bounces >= options.BounceLimit)
                        {
                            sub.Status = SubscriptionStatus.Paused;
                            log.LogWarning("Digests: {Email} paused after {Bounces} bounces", sub.Email, sub.Bounces);
                        }
                        bounced++;
                        break;
                    case MailDeliveryException { Kind: MailFailureKind.Permanent } refused:
                        row.Status = OutboxStatus.Failed;
                        row.LastError = Short(refused.Message);
                        failed++;
                        break;
                    case var other:
                        row.LastError = Short(other.Message);
                        if (row.Attempts >= options.MaxAttempts) { row.Status = OutboxStatus.Failed; failed++; }
                        else
                        {
                            var wait = TimeSpan.FromSeconds(options.FirstRetrySeconds * Math.Pow(2, row.Attempts - 1));
                            row.NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(wait.TotalMinutes, options.MaxRetryMinutes));
                            retrying++;
                        }
                        log.LogWarning("Digests: delivery to {Email} failed (try {Attempt}): {Error}", sub.Email, row.Attempts, other.Message);
                        break;
                }
                await RecordAsync([row], [sub], ct);
                PaperboyMetrics.Digest(row.Status);
            }
            await sending;
        }
        return new DigestRunSummary(sent, empty, retrying, bounced, failed, cancelled);
    }

    /// <summary>
    /// Writes the outcomes worked out on <paramref name="rows"/> and <paramref name="subscriptions"/> in one
    /// transaction, onto freshly read copies (a transaction starts from a clean change tracker), and releases the
    /// claims.
    /// </summary>
    private async Task RecordAsync(List<DigestOutboxEntry> rows, IEnumerable<Subscription> subscriptions, CancellationToken ct)
    {
        var subs = subscriptions.ToList();
        var rowIds = rows.Select(r => r.Id).ToList();
        var subIds = subs.Select(s => s.Id).ToList();
        await Transactions.RunAsync(db, async t =>
        {
            var storedRows = await db.DigestOutbox.Where(o => rowIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, t);
            foreach (var row in rows)
            {
                var stored = storedRows[row.Id];
                (stored.Status, stored.Attempts, stored.NextAttemptAt, stored.SentAt, stored.LastError) =
                    (row.Status, row.Attempts, row.NextAttemptAt, row.SentAt, row.LastError);
                (stored.ClaimedBy, stored.ClaimedUntil) = (null, null);
            }
            var storedSubs = await db.Subscriptions.Where(s => subIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, t);
            foreach (var sub in subs)
            {
                var stored = storedSubs[sub.Id];
                // An unsubscribe while this batch was sending wins over a pause.
                if (stored.Status == SubscriptionStatus.Active) stored.Status = sub.Status;
                (stored.Bounces, stored.LastDigestDay) = (sub.Bounces, sub.LastDigestDay);
            }
            return await db.SaveChangesAsync(t);
        }, ct);
    }

    /// <summary>
    /// Takes up to <paramref name="count"/> due rows that no one holds, for <see cref="DigestOptions.ClaimSeconds"/>.
    /// The update re-checks that each row is still free, so of two nodes racing for a row one gets it.
    /// </summary>
    private async Task<List<DigestOutboxEntry>> ClaimAsync(int count, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stamp = $"{_node}:{Guid.NewGuid():N}";
        var until = now.AddSeconds(options.ClaimSeconds);
        var ids = await db.DigestOutbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && (o.ClaimedUntil == null || o.ClaimedUntil < now))
            .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id).Select(o => o.Id).Take(count).ToListAsync(ct);
        if (ids.Count == 0) return [];
        await Transactions.RunAsync(db, t => db.DigestOutbox
            .Where(o => ids.Contains(o.Id) && o.Status == OutboxStatus.Pending && (o.ClaimedUntil == null || o.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedBy, stamp).SetProperty(o => o.ClaimedUntil, until), t), ct);
        return await db.DigestOutbox.Where(o => o.ClaimedBy == stamp).OrderBy(o => o.Id).ToListAsync(ct);
    }

    /// <summary>The subscriber's wishes and links; the Message-Id is the outbox row's, the same on every try.</summary>
    public DigestRecipient Recipient(Subscription s, DigestOutboxEntry row)
    {
        var host = Uri.TryCreate(links.Origin(), UriKind.Absolute, out var origin) ? origin.Host : "localhost";
        return new DigestRecipient(s.Email, s.Trending, s.Categories, s.Searches, s.Authors, s.ForYou,
            links.Manage(s), links.Unsubscribe(s), $"digest.{row.Id}.{row.Period.Replace(':', '.')}@{host}");
    }

    private static string Short(string message) => message.Length <= 1000 ? message : message[..1000];
}
