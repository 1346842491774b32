using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Digests;

/// <summary>
/// Everything one period's digests share, worked out once for all their subscribers: the top papers, the period's
/// published papers (<see cref="DigestPeriodPapers"/>), each distinct alert's papers, and every other paper card read.
/// Thread-safe. <see cref="DigestContentSource"/> retires it when it is <see cref="DigestContentSource.MaxAge"/> old, so
/// votes and new papers reach later runs; it is disposed once the last digest still using it is done.
/// </summary>
internal sealed class DigestPeriodContent(DigestPeriod period, DateTimeOffset created, string origin, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<DigestPaper>>>> _shared = new();
    private readonly ConcurrentDictionary<long, DigestPaper?> _cards = new();
    private readonly Lock _lock = new();
    private Task<DigestPeriodPapers>? _published;
    private int _users;
    private bool _retired;

    public DigestPeriod Period => period;
    public DateTimeOffset Created => created;

    /// <summary>Starts a use; false once retired (the caller takes the period's newer content instead).</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_retired) return false;
            _users++;
            return true;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            if (--_users == 0 && _retired) Release();
        }
    }

    /// <summary>No new uses; what it holds goes when the current ones end.</summary>
    public void Retire()
    {
        lock (_lock)
        {
            if (_retired) return;
            _retired = true;
            if (_users == 0) Release();
        }
    }

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
    /// The alert's papers published in the period, hidden papers left out: categories and authors newest first, a saved
    /// search best match first. Each distinct alert is worked out once per period.
    /// </summary>
    public Task<IReadOnlyList<DigestPaper>> AlertAsync(DigestAlertQuery alert, CancellationToken ct) => Shared(alert.Key, ct, async () =>
    {
        var papers = await PublishedAsync();
        return alert.Kind switch
        {
            DigestAlertKinds.Category => papers.InCategory(alert.Value, DigestContentSource.AlertSize),
            DigestAlertKinds.Author => papers.ByAuthor(alert.Value, DigestContentSource.AlertSize),
            _ => papers.Search(alert.Value, DigestContentSource.AlertSize),
        };
    });

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
        lock (_lock)
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

    /// <summary>Called under the lock, when retired and unused: a load still running disposes its result when it ends.</summary>
    private void Release() =>
        _published?.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

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
