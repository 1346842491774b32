using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Paperboy.Mail;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Mail;

public sealed class SmtpMailSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static SmtpMailSender Sender(SmtpOptions options) =>
        new(options, TimeProvider.System, NullLogger<SmtpMailSender>.Instance);

    internal static MimeMessage Message(string to, string subject = "Your weekly papers")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Paperboy", "digest@paperboy.example"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Three papers this week." };
        return message;
    }

    [Fact]
    public async Task AMultipartDigestWithListUnsubscribe_ArrivesIntact()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var sender = Sender(smtp.SenderOptions());
        // A line starting with a dot (SMTP's end-of-data marker once doubled), non-ASCII text, a long line.
        var text = "Paperboy, week 48\n\n.NET and the lattice: 3 papers\nÜber-long abstracts, naïve Bayes, 東京\n" + new string('x', 1200) + "\n";
        var html = "<p>Paperboy, week 48</p>\n<p>.dot-led line</p>\n<p>Über, naïve, 東京 &amp; more</p>\n<p>" + new string('y', 1200) + "</p>";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Paperboy", "digest@paperboy.example"));
        message.To.Add(new MailboxAddress("Ada Lovelace", "ada@example.org"));
        message.Subject = "Paperboy — 12 papers this week";
        message.MessageId = "digest-2025-w48-ada@paperboy.example";
        message.Headers.Add(HeaderId.ListUnsubscribe, "<https://paperboy.example/unsubscribe/tok3n>, <mailto:unsubscribe@paperboy.example?subject=tok3n>");
        message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();

        await sender.SendAsync(message, Ct);

        var received = Assert.Single(smtp.Messages);
        Assert.Equal("digest@paperboy.example", received.From);
        Assert.Equal(["ada@example.org"], received.Recipients);
        var mail = received.Message;
        Assert.Equal("Paperboy — 12 papers this week", mail.Subject);
        Assert.Equal("digest-2025-w48-ada@paperboy.example", mail.MessageId);
        Assert.Equal("Ada Lovelace", Assert.Single(mail.To.Mailboxes).Name);
        Assert.Equal("<https://paperboy.example/unsubscribe/tok3n>, <mailto:unsubscribe@paperboy.example?subject=tok3n>",
            mail.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers[HeaderId.ListUnsubscribePost]);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal(text, mail.TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal(html, mail.HtmlBody?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A451OnRcpt_IsTransientWithItsCode_AndTheRetryIsDelivered_OnTheSameConnection()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var sender = Sender(smtp.SenderOptions(connections: 1));
        smtp.TemporarilyReject("busy@example.org", times: 1);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("busy@example.org"), Ct));

        Assert.Equal(MailFailureKind.Transient, failure.Kind);
        Assert.Equal(451, failure.StatusCode);
        Assert.False(failure.IsBounce);
        Assert.Contains("busy@example.org", failure.Message);
        Assert.Contains("451", failure.Message);
        Assert.Empty(smtp.Messages);

        await sender.SendAsync(Message("busy@example.org"), Ct);

        Assert.Equal(["busy@example.org"], Assert.Single(smtp.Messages).Recipients);
        Assert.Equal(1, smtp.SessionsOpened);
    }

    [Fact]
    public async Task A550OnRcpt_IsAPermanentBounceWith550()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var sender = Sender(smtp.SenderOptions());
        smtp.Reject("gone@example.org");

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("gone@example.org"), Ct));

        Assert.Equal(MailFailureKind.Permanent, failure.Kind);
        Assert.True(failure.IsBounce);
        Assert.Equal(550, failure.StatusCode);
        Assert.Contains("gone@example.org", failure.Message);
        Assert.DoesNotContain(" at ", failure.Message); // a sentence, not a stack trace
        await sender.SendAsync(Message("here@example.org"), Ct);
        Assert.Equal(["here@example.org"], Assert.Single(smtp.Messages).Recipients);
    }

    [Theory]
    [InlineData(554, MailFailureKind.Permanent)]
    [InlineData(451, MailFailureKind.Transient)]
    public async Task ARefusalAfterData_CarriesItsCode_AndIsNoBounce(int code, MailFailureKind kind)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var sender = Sender(smtp.SenderOptions());
        smtp.FailAfterData("ada@example.org", code, times: 1);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("ada@example.org"), Ct));

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.StatusCode);
        Assert.False(failure.IsBounce);
        Assert.Empty(smtp.Messages);
        await sender.SendAsync(Message("ada@example.org"), Ct);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task NothingListening_IsTransient_WithoutACode()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var sender = Sender(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, TimeoutSeconds = 5 });

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("ada@example.org"), Ct));

        Assert.Equal(MailFailureKind.Transient, failure.Kind);
        Assert.Null(failure.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", failure.Message);
    }

    [Fact]
    public async Task StartTls_WithAServerThatDoesNotOfferIt_IsPermanent_AndNothingGoesOutInCleartext()
    {
        await using var smtp = await TestSmtpServer.StartAsync(); // no certificate, so no STARTTLS
        var options = smtp.SenderOptions();
        options.Security = SmtpSecurity.StartTls;
        await using var sender = Sender(options);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("ada@example.org"), Ct));

        Assert.Equal(MailFailureKind.Permanent, failure.Kind);
        Assert.False(failure.IsBounce);
        Assert.Contains("STARTTLS", failure.Message);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task FiftyMessagesThroughFourConnections_EachArrivesExactlyOnce()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var sender = Sender(smtp.SenderOptions(connections: 4));
        var sent = Enumerable.Range(1, 50).Select(i =>
        {
            var message = Message($"reader{i}@example.org", $"Digest {i}");
            message.MessageId = $"digest-{i}@paperboy.example";
            return message;
        }).ToList();

        await Task.WhenAll(sent.Select(m => sender.SendAsync(m, Ct)));

        var received = await smtp.WaitForMessagesAsync(50);
        Assert.Equal(50, received.Count);
        Assert.Equal(
            sent.Select(m => (m.MessageId, m.To.Mailboxes.Single().Address, m.Subject)).Order(),
            received.Select(r => (r.Message.MessageId, r.Recipients.Single(), r.Message.Subject)).Order());
        Assert.InRange(smtp.SessionsOpened, 1, 4);
    }

    [Fact]
    public async Task AConnectionTheServerClosedWhileIdle_IsReplaced_NotFailed()
    {
        await using var smtp = await TestSmtpServer.StartAsync(idleTimeout: TimeSpan.FromSeconds(1));
        await using var sender = Sender(smtp.SenderOptions(connections: 1));
        await sender.SendAsync(Message("ada@example.org"), Ct);
        // The server times the idle session out (221) and closes it.
        for (var waited = 0; smtp.SessionsClosed < 1; waited += 20)
        {
            Assert.True(waited < 10_000, "the server never closed the idle session");
            await Task.Delay(20, Ct);
        }

        await sender.SendAsync(Message("grace@example.org"), Ct);

        Assert.Equal(2, (await smtp.WaitForMessagesAsync(2)).Count);
        Assert.Equal(2, smtp.SessionsOpened);
    }

    [Fact]
    public async Task GoodCredentials_Deliver_BadOnesArePermanent535()
    {
        await using var smtp = await TestSmtpServer.StartAsync(userName: "paperboy", password: "s3cret");
        await using (var good = Sender(smtp.SenderOptions()))
            await good.SendAsync(Message("ada@example.org"), Ct);
        var wrong = smtp.SenderOptions();
        wrong.Password = "guess";
        await using var bad = Sender(wrong);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => bad.SendAsync(Message("grace@example.org"), Ct));

        Assert.Equal(["ada@example.org"], Assert.Single(smtp.Messages).Recipients);
        Assert.Equal(MailFailureKind.Permanent, failure.Kind);
        Assert.Equal(535, failure.StatusCode);
        Assert.False(failure.IsBounce);
        Assert.Contains("paperboy", failure.Message);
    }

    [Fact]
    public async Task NoCredentials_ForAServerThatRequiresThem_IsPermanent()
    {
        await using var smtp = await TestSmtpServer.StartAsync(userName: "paperboy", password: "s3cret");
        var anonymous = smtp.SenderOptions();
        anonymous.UserName = anonymous.Password = null;
        await using var sender = Sender(anonymous);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("ada@example.org"), Ct));

        Assert.Equal(MailFailureKind.Permanent, failure.Kind);
        Assert.Equal(530, failure.StatusCode);
        Assert.False(failure.IsBounce);
        Assert.Empty(smtp.Messages);
    }
}
