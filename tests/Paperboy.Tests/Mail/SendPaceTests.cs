using Microsoft.Extensions.Time.Testing;
using Paperboy.Mail;

namespace Paperboy.Tests.Mail;

public sealed class SendPaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoMessagesPerSecond_LetsCallersGoHalfASecondApart_InTheOrderTheyCame()
    {
        var clock = new FakeTimeProvider();
        var pace = new SendPace(2, clock);

        var first = pace.WaitAsync(Ct);
        var second = pace.WaitAsync(Ct);
        var third = pace.WaitAsync(Ct);

        Assert.True(first.IsCompletedSuccessfully);
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await third;
    }

    [Fact]
    public void AfterAQuietSpell_TheNextCallerGoesAtOnce_WithoutABurst()
    {
        var clock = new FakeTimeProvider();
        var pace = new SendPace(0.5, clock);
        Assert.True(pace.WaitAsync(Ct).IsCompletedSuccessfully);

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.True(pace.WaitAsync(Ct).IsCompletedSuccessfully);
        Assert.False(pace.WaitAsync(Ct).IsCompleted);
    }

    [Fact]
    public void ZeroMeansNoLimit()
    {
        var pace = new SendPace(0, new FakeTimeProvider());

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(pace.WaitAsync(Ct).IsCompletedSuccessfully));
    }
}
