using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Paperboy.Mail;

namespace Paperboy.Bench.Mail;

/// <summary>
/// <c>smtp [--messages N] [--connections 1 4 8]</c>: messages/s of digest-sized mail (<see cref="DigestSample"/>)
/// through <see cref="SmtpMailSender"/> with each number of connections, to an <see cref="SmtpSink"/> in this
/// process. Markdown on standard output, progress on standard error.
/// </summary>
public static class SmtpCommand
{
    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "Messages timed per connection count", DefaultValueFactory = _ => 2000 };
        var connections = new Option<int[]>("--connections") { Description = "Connection counts to measure", DefaultValueFactory = _ => [1, 4, 8], AllowMultipleArgumentsPerToken = true };
        var command = new Command("smtp", "Messages/s through SmtpMailSender to a loopback SMTP sink (Markdown on standard output)") { messages, connections };
        command.Validators.Add(r =>
        {
            if (r.GetValue(messages) < 1) r.AddError("--messages must be at least 1");
            if (r.GetValue(connections)!.Any(c => c is < 1 or > 32)) r.AddError("--connections must be 1..32");
        });
        command.SetAction(async (r, ct) =>
        {
            await RunAsync(r.GetValue(messages), r.GetValue(connections)!, Console.Out, Console.Error, ct);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int count, int[] connectionCounts, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var sample = new DigestSample();
        using var one = new MemoryStream();
        await sample.Message(0).WriteToAsync(one, ct);
        await using var sink = await SmtpSink.StartAsync();
        output.WriteLine($"{count:N0} messages per row, each {one.Length / 1024.0:F1} KiB on the wire (HTML {sample.Html.Length / 1024.0:F1} KiB, " +
            $"text {sample.Text.Length / 1024.0:F1} KiB, multipart/alternative, built per message); two messages in flight per connection; " +
            $"the sink (SmtpServer 11.1.0 with Nagle off, counting only) runs in the same process on the same {Environment.ProcessorCount} cores");
        output.WriteLine();
        output.WriteLine("| connections | messages/s | MiB/s | CPU per message (sender + sink) | accepted by the sink | failed |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var next = 0;
        foreach (var connections in connectionCounts)
        {
            await using var sender = new SmtpMailSender(new SmtpOptions
            {
                Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None, Connections = connections, TimeoutSeconds = 30,
            }, TimeProvider.System, NullLogger<SmtpMailSender>.Instance);
            progress.WriteLine($"{connections} connection(s): warming up");
            await SendAsync(sender, sample, next, Math.Max(100, 20 * connections), 2 * connections, ct);
            next += Math.Max(100, 20 * connections);
            progress.WriteLine($"{connections} connection(s): {count:N0} messages");
            var (messagesBefore, bytesBefore) = (sink.Messages, sink.Bytes);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var failed = await SendAsync(sender, sample, next, count, 2 * connections, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            next += count;
            var accepted = sink.Messages - messagesBefore;
            output.WriteLine($"| {connections} | {count / seconds:N0} | {(sink.Bytes - bytesBefore) / seconds / 1048576:F1} | {cpu / count:F2} ms | {accepted:N0} | {failed} |");
        }
    }

    /// <summary>Sends messages <paramref name="first"/>.. with <paramref name="inFlight"/> callers; returns how many failed.</summary>
    private static async Task<int> SendAsync(SmtpMailSender sender, DigestSample sample, int first, int count, int inFlight, CancellationToken ct)
    {
        var taken = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref taken); i < count; i = Interlocked.Increment(ref taken))
            {
                try { await sender.SendAsync(sample.Message(first + i), ct); }
                catch (MailDeliveryException) { Interlocked.Increment(ref failed); }
            }
        }, ct)));
        return failed;
    }
}
