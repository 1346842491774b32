using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Paperboy.Mail;

/// <summary>
/// Delivers through an SMTP server over a small pool of connections (<see cref="SmtpOptions.Connections"/>), each
/// carrying one message at a time, all sharing one sending rate (<see cref="SendPace"/>). Connections stay open
/// between messages, are signed in when credentials are configured, and are replaced after a network or protocol
/// error or when the server closed them while idle. Every delivery failure is a <see cref="MailDeliveryException"/>.
/// </summary>
/// <remarks>
/// A connection lost after the message data went out but before the server's reply is reported as transient,
/// although the server may have accepted the message: retrying then sends it twice. SMTP leaves no way to tell.
/// </remarks>
public sealed class SmtpMailSender : IMailSender, IAsyncDisposable, IDisposable
{
    private readonly SmtpOptions _options;
    private readonly string _host;
    private readonly ILogger<SmtpMailSender> _log;
    private readonly SemaphoreSlim _slots;
    private readonly SendPace _pace;
    // Most recently used on top, so a light load keeps reusing one warm connection.
    private readonly ConcurrentStack<Connection> _idle = new();

    /// <summary>
    /// The socket is opened here rather than by MailKit so that an idle connection can be checked without a round
    /// trip: an idle SMTP session has nothing to read unless the server gave up on it (a 421 or 221 timeout reply,
    /// or just closing), so a readable socket means a connection to replace, not a message to fail. (Anything else a
    /// server might send unasked, such as a late TLS record, only costs a needless reconnect.)
    /// </summary>
    private sealed class Connection(SmtpClient client, Socket socket) : IDisposable
    {
        public SmtpClient Client => client;

        public bool IsStale()
        {
            if (!client.IsConnected) return true;
            try { return socket.Poll(0, SelectMode.SelectRead); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return true; }
        }

        public void Dispose()
        {
            client.Dispose();
            socket.Dispose();
        }
    }

    public SmtpMailSender(SmtpOptions options, TimeProvider clock, ILogger<SmtpMailSender> log)
    {
        if (string.IsNullOrEmpty(options.Host)) throw new ArgumentException("SmtpOptions.Host is not set", nameof(options));
        _options = options;
        _host = options.Host;
        _log = log;
        _slots = new SemaphoreSlim(options.Connections, options.Connections);
        _pace = new SendPace(options.MessagesPerSecond, clock);
    }

    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        await _slots.WaitAsync(ct);
        Connection? connection = null;
        try
        {
            connection = await ReadyConnectionAsync(ct);
            await _pace.WaitAsync(ct);
            await connection.Client.SendAsync(message, ct);
            _idle.Push(connection);
            connection = null;
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // A refused command leaves the session usable (MailKit resets the transaction); anything else, or a
            // server closing the channel (421), does not.
            if (e is SmtpCommandException { StatusCode: not SmtpStatusCode.ServiceNotAvailable } && connection is { Client.IsConnected: true })
            {
                _idle.Push(connection);
                connection = null;
            }
            if (SmtpFailures.Classify(e, _options) is { } failure) throw failure;
            throw;
        }
        finally
        {
            connection?.Dispose();
            _slots.Release();
        }
    }

    private async Task<Connection> ReadyConnectionAsync(CancellationToken ct)
    {
        while (_idle.TryPop(out var idle))
        {
            if (!idle.IsStale()) return idle;
            idle.Dispose();
        }
        // Nagle's algorithm off: with it, the last segment of each message waited for the server's delayed ACK
        // (about 40 ms on Linux), which held one connection to 22 messages/s on loopback instead of 330.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
                await socket.ConnectAsync(_host, _options.Port, connectTimeout.Token);
            }
            await client.ConnectAsync(socket, _host, _options.Port, SocketOptions(_options.Security), ct);
            if (!string.IsNullOrEmpty(_options.UserName))
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct);
            _log.LogDebug("Connected to {Server} ({Security}{SignedIn})", _options.Server, _options.Security,
                client.IsAuthenticated ? $", signed in as {_options.UserName}" : "");
            return new Connection(client, socket);
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "not a security mode"),
    };

    /// <summary>Says goodbye (QUIT) on every idle connection; messages still in flight are not waited for.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (_idle.TryPop(out var idle))
        {
            try { await idle.Client.DisconnectAsync(quit: true, timeout.Token); }
            catch (Exception) { /* already closed by the server: nothing is lost */ }
            idle.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryPop(out var idle)) idle.Dispose();
    }
}
