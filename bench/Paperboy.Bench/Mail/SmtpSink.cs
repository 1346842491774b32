using System.Buffers;
using System.Net;
using SmtpServer;
using SmtpServer.Storage;
using ServerResponse = SmtpServer.Protocol.SmtpResponse;

namespace Paperboy.Bench.Mail;

/// <summary>
/// An SMTP server (the SmtpServer package, listening through <see cref="NoDelayEndpoints"/>) on 127.0.0.1 and a free
/// port that accepts every message and keeps only counts: a cheap peer, so the numbers are about the sending side.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private long _messages;
    private long _bytes;

    public int Port { get; private set; }
    public long Messages => Interlocked.Read(ref _messages);
    public long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<SmtpSink> StartAsync()
    {
        var sink = new SmtpSink();
        var endpoints = new NoDelayEndpoints();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(endpoints);
        services.Add(new Counter(sink));
        sink._running = new SmtpServer.SmtpServer(options, services).StartAsync(sink._stop.Token);
        await Task.WhenAny(endpoints.Port, sink._running).WaitAsync(TimeSpan.FromSeconds(10));
        if (!endpoints.Port.IsCompleted) await sink._running; // rethrows why it could not listen
        sink.Port = await endpoints.Port;
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Counter(SmtpSink sink) : MessageStore
    {
        public override Task<ServerResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            Interlocked.Increment(ref sink._messages);
            Interlocked.Add(ref sink._bytes, buffer.Length);
            return Task.FromResult(ServerResponse.Ok);
        }
    }
}
