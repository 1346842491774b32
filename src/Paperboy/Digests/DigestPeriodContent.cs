using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Indexing;

namespace Paperboy.Digests;

/// <summary>
/// Everything one period's digests share, worked out once for all their subscribers: the top papers, the period's
/// published papers (<see cref="DigestPeriodPapers"/>), each distinct alert's papers, and every other paper card read.
/// Thread-safe; <see cref="DigestContentSource"/> drops it when it is <see cref="DigestContentSource.MaxAge"/> old, so
/// votes and new papers reach later runs.
/// </summary>
internal sealed class DigestPeriodContent(DigestPeriod period, DateTimeOffset created, string origin, IServiceScopeFactory scopes,
    SearchService search, SearchIndexes indexes)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<DigestPaper>>>> _shared = new();
    private readonly ConcurrentDictionary<long, DigestPaper?> _cards = new();
    private readonly Lock _publishedLock = new();
    private Task<DigestPeriodPapers>? _published;

    public DigestPeriod Period => period;
    public DateTimeOffset Created => created;

    /// <summary>
    /// The period's visible feed entries, most upvoted first; ties go to the higher trending score, then to the later
    /// submission (the one that gathered its votes faster), then to the later entry.
    /// </summary>
    public Task<IReadOnlyList<DigestPaper>> TopAsync(CancellationToken ct) => Shared("top", ct, async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (first, last) = (period.FirstDay, period.LastDay);
        var rows = await db.DailyEntries.AsNoTracking()
            .Where(e => e.HiddenAt == null && e.Day >= first && e.Day <= last)
            .OrderByDescending(e => e.Upvotes + e.LocalUpvotes).ThenByDescending(e => e.Trending)
            .ThenByDescending(e => e.SubmittedAt).ThenByDescending(e => e.Id)
            .Take(DigestContentSource.TopSize)
            .Select(e => new { e.Paper.ArxivId, e.Paper.Title, e.Paper.Authors, e.Paper.Abstract, Upvotes = e.Upvotes + e.LocalUpvotes })
            .ToListAsync();
        return (IReadOnlyList<DigestPaper>)rows.Select(r => DigestPapers.From(r.ArxivId, r.Title, r.Authors, r.Abstract, r.Upvotes, origin)).ToList();
    });

    /// <summary>
    /// The alert's papers published in the period, hidden papers left out. Categories and authors come from the
    /// period's papers, newest first. A saved search runs on the search index, best match first, once per period; while
    /// another process holds the index (a rebuild), saved searches are left out rather than fail the digest.
    /// </summary>
    public Task<IReadOnlyList<DigestPaper>> AlertAsync(DigestAlertQuery alert, CancellationToken ct)
    {
        if (alert.Kind == DigestAlertKinds.Category)
            return Shared(alert.Key, ct, async () => (await PublishedAsync()).InCategory(alert.Value, DigestContentSource.AlertSize));
        if (alert.Kind == DigestAlertKinds.Author)
            return Shared(alert.Key, ct, async () => (await PublishedAsync()).ByAuthor(alert.Value, DigestContentSource.AlertSize));
        if (indexes.KeywordOrNull() is null) return Task.FromResult<IReadOnlyList<DigestPaper>>([]);
        return Shared(alert.Key, ct, async () =>
        {
            var text = alert.SearchText(period);
            if (!DigestAlertQuery.Means(SearchQuery.Parse(text))) return [];
            var published = await PublishedAsync();
            // Read deeper than shown: hidden papers, and ids a saved search names outright, fall out here.
            return search.Search(text, SearchMode.Keyword, DigestContentSource.AlertSize * 2).Hits
                .Select(h => published.Visible(h.PaperId)).OfType<DigestPaper>().Take(DigestContentSource.AlertSize).ToList();
        });
    }

    /// <summary>Cards for the given papers in their order, hidden and unknown ones left out; each paper is read once per period.</summary>
    public async Task<IReadOnlyList<DigestPaper>> CardsAsync(IReadOnlyList<long> paperIds, CancellationToken ct)
    {
        var missing = paperIds.Where(id => !_cards.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var loaded = await DigestPapers.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), missing, origin, ct);
            foreach (var id in missing) _cards.TryAdd(id, loaded.GetValueOrDefault(id));
        }
        return paperIds.Select(id => _cards.GetValueOrDefault(id)).OfType<DigestPaper>().ToList();
    }

    /// <summary>The period's published papers, read once (again after a failure); the reading takes no caller's token.</summary>
    private Task<DigestPeriodPapers> PublishedAsync()
    {
        lock (_publishedLock)
        {
            if (_published is null || _published.IsFaulted || _published.IsCanceled) _published = LoadPublishedAsync();
            return _published;
        }
    }

    private async Task<DigestPeriodPapers> LoadPublishedAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await DigestPeriodPapers.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), period, origin, CancellationToken.None);
    }

    /// <summary>
    /// Runs shared work once for every caller that asks while it runs or after; a run that fails is forgotten, so the
    /// next caller tries again rather than inherit the failure for the rest of the period. The work takes no caller's
    /// token (it is short, and one caller giving up must not cancel it for the others); each caller waits on its own.
    /// </summary>
    private async Task<IReadOnlyList<DigestPaper>> Shared(string key, CancellationToken ct, Func<Task<IReadOnlyList<DigestPaper>>> run)
    {
        var lazy = _shared.GetOrAdd(key, _ => new Lazy<Task<IReadOnlyList<DigestPaper>>>(run));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            _shared.TryRemove(new KeyValuePair<string, Lazy<Task<IReadOnlyList<DigestPaper>>>>(key, lazy));
            throw;
        }
    }
}
