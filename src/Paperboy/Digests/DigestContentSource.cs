using System.Collections.Concurrent;
using Paperboy.Mail;

namespace Paperboy.Digests;

/// <summary>
/// The content of each subscriber's digest. One instance serves every digest of a run: a period's top papers and its
/// published papers are read once, each distinct alert (the same category, saved search or author, whoever follows
/// it) is worked out once, and each paper card is read once, so a subscriber costs little more than a few dictionary
/// lookups. Thread-safe.
/// </summary>
/// <remarks>
/// What a period shares is kept <see cref="MaxAge"/>: long enough for one sending run, short enough that votes cast
/// and papers imported since show in the next. Subscribers of the same period in another hour may so see other
/// numbers, as they would on the site.
/// </remarks>
public sealed class DigestContentSource(IServiceScopeFactory scopes, IForYouPicks forYou, MailOptions mail, TimeProvider clock,
    ILogger<DigestContentSource> log)
{
    /// <summary>Papers in the top list, at most.</summary>
    public const int TopSize = 10;

    /// <summary>Papers in each alert, at most.</summary>
    public const int AlertSize = 10;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<DigestPeriod, DigestPeriodContent> _periods = new();
    private readonly string _origin = DigestLinks.Origin(mail);

    /// <summary>
    /// The recipient's digest for the period: the top papers when they take the trending digest, then their category,
    /// saved-search, author and "for you" alerts in that order, each left out when it found nothing (or could not
    /// run: an alert never makes the digest fail). Database errors on the top list are thrown, for the caller to retry.
    /// </summary>
    public async Task<DigestContent> ForAsync(DigestRecipient r, DigestPeriod p, CancellationToken ct)
    {
        var period = Enter(p);
        try
        {
            IReadOnlyList<DigestPaper> top = r.Trending ? await period.TopAsync(ct) : [];
            var alerts = new List<DigestAlert>();
            var queries = r.Categories.Select(DigestAlertQuery.Category)
                .Concat(r.Searches.Select(DigestAlertQuery.Search))
                .Concat(r.Authors.Select(DigestAlertQuery.Author))
                .OfType<DigestAlertQuery>().DistinctBy(q => q.Key);
            foreach (var query in queries)
            {
                if (await AlertAsync(period, query, ct) is { Count: > 0 } papers)
                    alerts.Add(new DigestAlert(query.Kind, query.Label, papers));
            }
            if (r.ForYou && await ForYouAsync(r.Email, period, ct) is { Count: > 0 } picks)
                alerts.Add(new DigestAlert(DigestAlertKinds.ForYou, "Picked for you", picks));
            return new DigestContent(p, top, alerts);
        }
        finally
        {
            period.Exit();
        }
    }

    private async Task<IReadOnlyList<DigestPaper>> AlertAsync(DigestPeriodContent period, DigestAlertQuery query, CancellationToken ct)
    {
        try
        {
            return await period.AlertAsync(query, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Digest alert {Key} for {Period} failed; left out of this digest", query.Key, period.Period.Key);
            return [];
        }
    }

    private async Task<IReadOnlyList<DigestPaper>> ForYouAsync(string email, DigestPeriodContent period, CancellationToken ct)
    {
        try
        {
            var ids = await forYou.PickAsync(email, period.Period, AlertSize, ct);
            return await period.CardsAsync(ids.Take(AlertSize).ToList(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Digest picks for {Period} failed; left out of this digest", period.Period.Key);
            return [];
        }
    }

    /// <summary>
    /// A use of the period's shared content, begun afresh once it is <see cref="MaxAge"/> old. Contents past that age
    /// are retired (any period's: a run moves on to the next day) and let go when their last use ends.
    /// </summary>
    private DigestPeriodContent Enter(DigestPeriod p)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            foreach (var old in _periods)
            {
                if (now - old.Value.Created < MaxAge || !_periods.TryRemove(old)) continue;
                old.Value.Retire();
            }
            var content = _periods.GetOrAdd(p, _ => new DigestPeriodContent(p, now, _origin, scopes));
            if (content.TryEnter()) return content;
        }
    }
}
