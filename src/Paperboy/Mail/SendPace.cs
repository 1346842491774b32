namespace Paperboy.Mail;

/// <summary>
/// Spaces sends evenly at a fixed rate shared by every connection: each caller takes the next free slot, one interval
/// after the previous one, and waits until it comes.
/// </summary>
/// <remarks>
/// Chosen over System.Threading.RateLimiting's token bucket because relays count per second or per minute and an
/// even spacing never exceeds either, where a bucket would first spend its burst; because rates below one a second
/// (0.2 = 12 a minute) need no conversion into whole tokens per period; and because it runs on the injected
/// <see cref="TimeProvider"/> with no replenishment timer of its own. A slot taken by a caller that is then
/// cancelled stays taken: the rate only errs on the slow side.
/// </remarks>
public sealed class SendPace(double messagesPerSecond, TimeProvider clock)
{
    private readonly long _interval = messagesPerSecond > 0 ? (long)(clock.TimestampFrequency / messagesPerSecond) : 0;
    private readonly Lock _gate = new();
    private long _next = long.MinValue;

    public Task WaitAsync(CancellationToken ct)
    {
        if (_interval == 0) return Task.CompletedTask;
        long wait;
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            var slot = Math.Max(_next, now);
            _next = slot + _interval;
            wait = slot - now;
        }
        return wait == 0
            ? Task.CompletedTask
            : Task.Delay(TimeSpan.FromSeconds(wait / (double)clock.TimestampFrequency), clock, ct);
    }
}
