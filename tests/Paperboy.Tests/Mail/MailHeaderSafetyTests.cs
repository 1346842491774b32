using MimeKit;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Mail;

/// <summary>
/// Names and subjects come from members and papers. A CR/LF in them must not start a header of its own (a Bcc: that
/// adds a recipient, a second Subject:) once the message is on the wire.
/// </summary>
public sealed class MailHeaderSafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task LineBreaksInADisplayNameOrSubject_DoNotInjectHeaders_OverSmtp(string newline)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var sender = SmtpMailSenderTests.Sender(smtp.SenderOptions());
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Paperboy", "digest@paperboy.example"));
        message.To.Add(new MailboxAddress($"Ada{newline}Bcc: victim@evil.example{newline}X-Injected: 1", "ada@example.org"));
        message.Subject = $"Weekly papers{newline}Bcc: victim@evil.example{newline}{newline}Body takeover";
        message.Body = new TextPart("plain") { Text = "Three papers this week." };
        var headersSet = message.Headers.Select(h => h.Field).ToList();

        await sender.SendAsync(message, Ct);

        var received = Assert.Single(smtp.Messages);
        Assert.Equal(["ada@example.org"], received.Recipients);
        // Exactly the headers set, plus the MIME-Version MimeKit writes with every message.
        Assert.Equal([.. headersSet, "MIME-Version"], received.Message.Headers.Select(h => h.Field));
        Assert.Empty(received.Message.Bcc);
        Assert.Equal("ada@example.org", Assert.Single(received.Message.To.Mailboxes).Address);
        var subject = Assert.IsType<string>(received.Message.Subject);
        Assert.DoesNotContain('\n', subject);
        Assert.DoesNotContain('\r', subject);
        Assert.StartsWith("Weekly papers", subject);
        Assert.Equal("Three papers this week.", received.Message.TextBody?.TrimEnd());
    }
}
