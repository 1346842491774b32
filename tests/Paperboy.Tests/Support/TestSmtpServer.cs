using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using Paperboy.Mail;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using ServerResponse = SmtpServer.Protocol.SmtpResponse;

namespace Paperboy.Tests.Support;

/// <summary>A message the server accepted, parsed, with its envelope (MAIL FROM and the accepted RCPT TO addresses).</summary>
public sealed record ReceivedMail(MimeMessage Message, string From, IReadOnlyList<string> Recipients);

/// <summary>
/// A real SMTP server (the SmtpServer package) in this process on 127.0.0.1 and a free port, keeping every message it
/// accepts. It can be told, per recipient address, to refuse on RCPT TO for a while (451) or for good (550), or to
/// refuse a message after its data; and to require AUTH (over cleartext, which is fine on loopback).
/// <code>
/// await using var smtp = await TestSmtpServer.StartAsync();
/// smtp.TemporarilyReject("a@example.org", times: 1);   // 451 once, then accepted
/// smtp.Reject("b@example.org");                       // 550 every time
/// await using var sender = new SmtpMailSender(smtp.SenderOptions(), TimeProvider.System, NullLogger&lt;SmtpMailSender&gt;.Instance);
/// // or TestSite.StartAsync(engine, settings: smtp.Settings) for the whole site
/// var mail = await smtp.WaitForMessagesAsync(2);
/// </code>
/// Addresses compare case-insensitively. Disposing stops the server and cuts open sessions. Expect about 40 ms per
/// message and connection: the package replies to a pipelined batch under Nagle's algorithm and waits for delayed ACKs
/// (bench/Paperboy.Bench's sink shows how to turn that off, if a test ever needs volume).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Refusal> _onRecipient = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Refusal> _afterData = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ReceivedMail> _messages = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _sessionsOpened;
    private int _sessionsClosed;

    private sealed class Refusal(int code, int times)
    {
        public int Code => code;
        public bool Take() => Interlocked.Decrement(ref times) >= 0;
    }

    private TestSmtpServer(string? userName, string? password)
    {
        UserName = userName;
        Password = password;
    }

    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public string? UserName { get; }
    public string? Password { get; }

    /// <summary>Every accepted message so far, in the order the server accepted them.</summary>
    public IReadOnlyList<ReceivedMail> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    /// <summary>SMTP sessions (TCP connections) the server has opened so far, and how many of them have ended.</summary>
    public int SessionsOpened => Volatile.Read(ref _sessionsOpened);
    public int SessionsClosed => Volatile.Read(ref _sessionsClosed);

    /// <summary>
    /// Starts a server. With <paramref name="userName"/> and <paramref name="password"/> it requires AUTH (PLAIN or
    /// LOGIN) with exactly those before MAIL FROM. <paramref name="idleTimeout"/> is how long a session may wait for the
    /// client's next command before the server says 221 and closes it (default: the package's 5 minutes).
    /// </summary>
    public static async Task<TestSmtpServer> StartAsync(string? userName = null, string? password = null, TimeSpan? idleTimeout = null)
    {
        var server = new TestSmtpServer(userName, password);
        await server.StartCoreAsync(idleTimeout);
        return server;
    }

    /// <summary>Answers 451 to RCPT TO <paramref name="address"/> the next <paramref name="times"/> times, then accepts it.</summary>
    public void TemporarilyReject(string address, int times = 1) => _onRecipient[address] = new Refusal(451, times);

    /// <summary>Answers 550 (mailbox unavailable) to every RCPT TO <paramref name="address"/>.</summary>
    public void Reject(string address) => _onRecipient[address] = new Refusal(550, int.MaxValue);

    /// <summary>
    /// Takes the data of messages to <paramref name="address"/> and then answers <paramref name="code"/> (451, 554...)
    /// instead of 250, the next <paramref name="times"/> times (default: always). Those messages are not kept.
    /// </summary>
    public void FailAfterData(string address, int code = 554, int times = int.MaxValue) => _afterData[address] = new Refusal(code, times);

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages have been accepted and returns them all; throws
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 10 s) saying how many came.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_messages)
        {
            if (_messages.Count >= count) return [.. _messages];
            _waiters.Add((count, reached));
        }
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            await reached.Task.WaitAsync(limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"expected {count} messages within {limit.TotalSeconds:0.#} s, the server accepted {Messages.Count}");
        }
        return Messages;
    }

    /// <summary>Options for an <see cref="SmtpMailSender"/> delivering here (cleartext, with this server's credentials).</summary>
    public SmtpOptions SenderOptions(int connections = 4) => new()
    {
        Host = Host,
        Port = Port,
        Security = SmtpSecurity.None,
        UserName = UserName,
        Password = Password,
        Connections = connections,
        TimeoutSeconds = 10,
    };

    /// <summary>Configuration keys that point a whole site (<c>TestSite.StartAsync(..., settings:)</c>) here.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{SmtpOptions.Section}:Host"] = Host,
        [$"{SmtpOptions.Section}:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{SmtpOptions.Section}:Security"] = nameof(SmtpSecurity.None),
        [$"{SmtpOptions.Section}:UserName"] = UserName,
        [$"{SmtpOptions.Section}:Password"] = Password,
    };

    private async Task StartCoreAsync(TimeSpan? idleTimeout)
    {
        var listeners = new EndpointListenerFactory();
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => bound.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var builder = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            // An IPEndPoint on loopback with port 0: Port(0) would listen on every interface.
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0));
                if (UserName is not null) e.AuthenticationRequired().AllowUnsecureAuthentication();
            });
        if (idleTimeout is { } idle) builder.CommandWaitTimeout(idle);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (UserName is not null) services.Add(new Authenticator(UserName, Password ?? ""));
        var server = new SmtpServer.SmtpServer(builder.Build(), services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessionsOpened);
        server.SessionCompleted += (_, _) => Interlocked.Increment(ref _sessionsClosed);
        _running = server.StartAsync(_stop.Token);
        await Task.WhenAny(bound.Task, _running).WaitAsync(TimeSpan.FromSeconds(10));
        if (!bound.Task.IsCompleted)
        {
            await _running; // rethrows why it could not listen
            throw new InvalidOperationException("the SMTP server stopped before it listened");
        }
        Port = await bound.Task;
    }

    private void Accept(ReceivedMail mail)
    {
        lock (_messages)
        {
            _messages.Add(mail);
            foreach (var waiter in _waiters.Where(w => w.Count <= _messages.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Filter(TestSmtpServer server) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct)
        {
            if (server._onRecipient.TryGetValue(to.AsAddress(), out var refusal) && refusal.Take())
                throw new SmtpResponseException(refusal.Code >= 500
                    ? new ServerResponse((SmtpReplyCode)refusal.Code, "5.1.1 mailbox unavailable")
                    : new ServerResponse((SmtpReplyCode)refusal.Code, "4.2.0 mailbox busy, try again later"));
            return Task.FromResult(true);
        }
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<ServerResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            var recipients = transaction.To.Select(m => m.AsAddress()).ToList();
            foreach (var recipient in recipients)
                if (server._afterData.TryGetValue(recipient, out var refusal) && refusal.Take())
                    return new ServerResponse((SmtpReplyCode)refusal.Code, refusal.Code >= 500 ? "5.6.0 message refused" : "4.3.0 try again later");
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, ct);
            server.Accept(new ReceivedMail(message, transaction.From.AsAddress(), recipients));
            return ServerResponse.Ok;
        }
    }

    private sealed class Authenticator(string expectedUser, string expectedPassword) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken ct) =>
            Task.FromResult(user == expectedUser && password == expectedPassword);
    }
}
