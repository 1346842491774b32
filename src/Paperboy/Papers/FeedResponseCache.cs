using System.Collections.Concurrent;

namespace Paperboy.Papers;

/// <summary>
/// Serialised feed responses, kept for a few seconds and keyed by the query (day, limit, page).
/// <para>
/// Why serving a few seconds' old bytes is safe: the feed changes slowly (papers arrive a few times a day,
/// votes trickle in), a reader cannot tell a five-second-old count from a fresh one, and every node expires its
/// copy on its own, so no node can serve stale data for longer than <see cref="Ttl"/>. A writer that wants its
/// change visible at once (a vote, a submission) calls <see cref="Invalidate"/>.
/// </para>
/// <para>
/// Concurrent misses on one key share one database query, so an expiry under load costs one query, not one per
/// waiting request. Memory is bounded simply: once the responses loaded since the last reset add up to
/// <see cref="MaxBytes"/>, the whole cache is dropped, which costs one query per key that is asked for again.
/// </para>
/// </summary>
public sealed class FeedResponseCache(TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    public const long MaxBytes = 64L * 1024 * 1024;

    private sealed class Entry(Func<Task<byte[]>> load, long expiresAt)
    {
        private readonly Lazy<Task<byte[]>> _bytes = new(load);
        public long ExpiresAt { get; } = expiresAt;
        public Task<byte[]> Bytes => _bytes.Value;
        public bool Faulted => _bytes.IsValueCreated && (_bytes.Value.IsFaulted || _bytes.Value.IsCanceled);
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _bytes;
    private long _nextSweep;

    public async ValueTask<byte[]> GetOrAddAsync(string key, Func<Task<byte[]>> load)
    {
        var now = clock.GetTimestamp();
        if (!_entries.TryGetValue(key, out var entry) || entry.ExpiresAt <= now || entry.Faulted)
        {
            var expiresAt = now + (long)(Ttl.TotalSeconds * clock.TimestampFrequency);
            // AddOrUpdate may build a spare Entry under contention, but only the stored one ever runs its load.
            entry = _entries.AddOrUpdate(key,
                _ => new Entry(() => LoadAsync(load), expiresAt),
                (_, old) => old.ExpiresAt > now && !old.Faulted ? old : new Entry(() => LoadAsync(load), expiresAt));
            Sweep(now);
        }
        try
        {
            var task = entry.Bytes;
            return task.IsCompletedSuccessfully ? task.Result : await task;
        }
        catch
        {
            // A failed load is not cached: the next request tries again.
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Drops every cached response; the next request of each key reads the database.</summary>
    public void Invalidate()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _bytes, 0);
    }

    private async Task<byte[]> LoadAsync(Func<Task<byte[]>> load)
    {
        var bytes = await load();
        if (Interlocked.Add(ref _bytes, bytes.Length) > MaxBytes) Invalidate();
        return bytes;
    }

    // Keys that are never asked for again would otherwise stay until the next reset.
    private void Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + (long)(Ttl.TotalSeconds * clock.TimestampFrequency), next) != next)
            return;
        foreach (var (key, entry) in _entries)
            if (entry.ExpiresAt <= now) _entries.TryRemove(KeyValuePair.Create(key, entry));
    }
}
