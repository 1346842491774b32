using Microsoft.Extensions.Time.Testing;
using Paperboy.Papers;

namespace Paperboy.Tests.Papers;

public class FeedResponseCacheTests
{
    [Fact]
    public async Task GetOrAdd_ConcurrentMisses_ShareOneLoad()
    {
        var cache = new FeedResponseCache(new FakeTimeProvider());
        var release = new TaskCompletionSource<byte[]>();
        var loads = 0;

        var waiting = Enumerable.Range(0, 20)
            .Select(_ => cache.GetOrAddAsync("k", () => { Interlocked.Increment(ref loads); return release.Task; }).AsTask())
            .ToList();
        release.SetResult([1, 2, 3]);
        var results = await Task.WhenAll(waiting);

        Assert.Equal(1, loads);
        Assert.All(results, r => Assert.Equal([1, 2, 3], r));
    }

    [Fact]
    public async Task GetOrAdd_AfterTtl_LoadsAgain_AndInvalidateForgetsAtOnce()
    {
        var clock = new FakeTimeProvider();
        var cache = new FeedResponseCache(clock);
        var loads = 0;
        Task<byte[]> Load() => Task.FromResult(new[] { (byte)Interlocked.Increment(ref loads) });

        Assert.Equal([1], await cache.GetOrAddAsync("k", Load));
        Assert.Equal([1], await cache.GetOrAddAsync("k", Load));
        clock.Advance(FeedResponseCache.Ttl);
        Assert.Equal([2], await cache.GetOrAddAsync("k", Load));
        cache.Invalidate();
        Assert.Equal([3], await cache.GetOrAddAsync("k", Load));
    }

    [Fact]
    public async Task GetOrAdd_FailedLoad_IsNotCached()
    {
        var cache = new FeedResponseCache(new FakeTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await cache.GetOrAddAsync("k", () => Task.FromException<byte[]>(new InvalidOperationException("database down"))));

        Assert.Equal([7], await cache.GetOrAddAsync("k", () => Task.FromResult(new byte[] { 7 })));
    }
}
