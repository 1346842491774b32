using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Paperboy.Data;
using Paperboy.Operations.Leases;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Operations;

/// <summary>Two nodes' leases on one database, on the site's fake clock.</summary>
public class JobLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);

    private static JobLeases Node(TestSite site) =>
        new(site.Services.GetRequiredService<IServiceScopeFactory>(), site.Clock, NullLogger<JobLeases>.Instance);

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task OneNodeHoldsALease_UntilItExpiresOrIsReleased(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        var (a, b) = (Node(site), Node(site));
        Assert.NotEqual(a.Node, b.Node);

        Assert.True(await a.TryAcquireAsync("job", Hold, Ct));
        Assert.False(await b.TryAcquireAsync("job", Hold, Ct));
        Assert.True(await b.TryAcquireAsync("other job", Hold, Ct));

        // The holder renews before expiry and keeps it; the other node still cannot take it.
        site.Clock.Advance(Hold * 0.9);
        Assert.True(await a.TryAcquireAsync("job", Hold, Ct));
        site.Clock.Advance(Hold * 0.9);
        Assert.False(await b.TryAcquireAsync("job", Hold, Ct));

        // The holder stops renewing (it died): once the lease expires the other node takes it, and the first is refused.
        site.Clock.Advance(Hold * 0.2);
        Assert.True(await b.TryAcquireAsync("job", Hold, Ct));
        Assert.False(await a.TryAcquireAsync("job", Hold, Ct));

        // A release hands it over at once.
        await b.ReleaseAsync("job", Ct);
        Assert.True(await a.TryAcquireAsync("job", Hold, Ct));

        await using var db = site.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.JobLeases.AsNoTracking().SingleAsync(l => l.Job == "job", Ct);
        Assert.Equal(a.Node, row.Holder);
        Assert.Equal(site.Clock.GetUtcNow().UtcDateTime, row.AcquiredAt, TimeSpan.FromMilliseconds(1));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task NodesAskingAtOnce_ExactlyOneIsGranted(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        var nodes = Enumerable.Range(0, 6).Select(_ => Node(site)).ToList();
        for (var round = 0; round < 5; round++)
        {
            var job = $"race {round}";
            var granted = await Task.WhenAll(nodes.Select(n => n.TryAcquireAsync(job, Hold, Ct)));
            Assert.Equal(1, granted.Count(g => g));
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ARunLongerThanTheLease_KeepsItByRenewing(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        var (a, b) = (Node(site), Node(site));
        var hold = TimeSpan.FromMinutes(3);
        var release = new TaskCompletionSource();
        var run = a.RunHeldAsync("long", hold, _ => release.Task, Ct);
        await WaitForRenewalAsync(site, a.Node, site.Clock.GetUtcNow().UtcDateTime, hold);

        // Three leases' worth of time pass while the run goes on; the renewals (every third of the hold) keep it.
        for (var i = 0; i < 9; i++)
        {
            site.Clock.Advance(hold / 3);
            await WaitForRenewalAsync(site, a.Node, site.Clock.GetUtcNow().UtcDateTime, hold);
            Assert.False(await b.TryAcquireAsync("long", hold, Ct), $"taken over after {i + 1} thirds");
        }
        release.SetResult();
        Assert.True(await run);
    }

    /// <summary>
    /// Waits until the database shows the lease held for more than half a hold from <paramref name="now"/>: the first
    /// acquisition or a renewal the clock's advance set off has landed, or none was due yet.
    /// </summary>
    private static async Task WaitForRenewalAsync(TestSite site, string node, DateTime now, TimeSpan hold)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using (var scope = site.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var row = await db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Job == "long", Ct);
                if (row is not null && row.Holder == node && row.ExpiresAt - now > hold / 2) return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the lease was not renewed");
            await Task.Delay(20, Ct);
        }
    }
}
