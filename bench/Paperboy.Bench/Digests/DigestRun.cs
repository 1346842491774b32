using System.Diagnostics;
using Paperboy.Digests;

namespace Paperboy.Bench.Digests;

/// <summary>Composes every subscriber's digest on every core and writes each message to a stream that only counts.</summary>
public static class DigestRun
{
    public sealed record Result(double Seconds, double CpuSeconds, int Composed, int Empty, long Bytes, double ContentSeconds, double ComposeSeconds, double WriteSeconds);

    public static async Task<Result> RunAsync(DigestContentSource source, DigestComposer composer, IReadOnlyList<DigestRecipient> recipients,
        DigestPeriod period, int workers, CancellationToken ct)
    {
        int composed = 0, empty = 0;
        long bytes = 0, content = 0, compose = 0, write = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(recipients, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct },
            async (r, token) =>
            {
                var t0 = Stopwatch.GetTimestamp();
                var digest = await source.ForAsync(r, period, token);
                var t1 = Stopwatch.GetTimestamp();
                Interlocked.Add(ref content, t1 - t0);
                if (digest.IsEmpty)
                {
                    Interlocked.Increment(ref empty);
                    return;
                }
                var message = composer.Compose(r, digest);
                var t2 = Stopwatch.GetTimestamp();
                var counter = new CountingStream();
                await message.WriteToAsync(counter, token);
                var t3 = Stopwatch.GetTimestamp();
                Interlocked.Add(ref compose, t2 - t1);
                Interlocked.Add(ref write, t3 - t2);
                Interlocked.Add(ref bytes, counter.Length);
                Interlocked.Increment(ref composed);
            });
        double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
        var seconds = total.Elapsed.TotalSeconds;
        return new Result(seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, composed, empty, bytes, Seconds(content), Seconds(compose), Seconds(write));
    }

    /// <summary>Where a sender's socket would be: bytes counted, not kept.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            _length += count;
            return Task.CompletedTask;
        }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
