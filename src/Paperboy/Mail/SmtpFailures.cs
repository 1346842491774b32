using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Paperboy.Mail;

/// <summary>Turns what MailKit throws into a <see cref="MailDeliveryException"/> a caller can act on.</summary>
internal static class SmtpFailures
{
    /// <summary>
    /// The failure, or null for an exception that is not about delivery (a bug, or the caller's own cancellation),
    /// which should travel on unchanged.
    /// </summary>
    public static MailDeliveryException? Classify(Exception e, SmtpOptions options) => e switch
    {
        SmtpCommandException c => Reply(c, options.Server),
        AuthenticationException { InnerException: SmtpCommandException c } => new(KindOf(c.StatusCode),
            $"{options.Server} did not accept the credentials of {options.UserName}: {Code(c.StatusCode)} {c.Message}", (int)c.StatusCode, inner: e),
        AuthenticationException => new(MailFailureKind.Permanent, $"{options.Server} did not accept the credentials of {options.UserName}: {e.Message}", inner: e),
        ServiceNotAuthenticatedException => new(MailFailureKind.Permanent,
            $"{options.Server} requires signing in (set Paperboy:Mail:Smtp:UserName and Password): {e.Message}", 530, inner: e),
        // A certificate that does not validate, or no TLS version in common, stays so until the configuration changes;
        // a connection lost during the handshake is just a lost connection.
        SslHandshakeException { InnerException: System.Security.Authentication.AuthenticationException } => new(MailFailureKind.Permanent,
            $"TLS with {options.Server} failed: {FirstLine(e.InnerException.Message)}", inner: e),
        SslHandshakeException => new(MailFailureKind.Transient, $"TLS with {options.Server} failed: {FirstLine(e.InnerException?.Message ?? e.Message)}", inner: e),
        // STARTTLS required but not offered, or a message that needs SMTPUTF8 the server lacks.
        NotSupportedException => new(MailFailureKind.Permanent, $"{options.Server}: {e.Message}", inner: e),
        SocketException s => new(MailFailureKind.Transient, $"could not connect to {options.Server}: {s.Message}", inner: e),
        TimeoutException or OperationCanceledException => new(MailFailureKind.Transient,
            $"{options.Server} did not answer within {options.TimeoutSeconds} s", inner: e),
        IOException or SmtpProtocolException or ServiceNotConnectedException => new(MailFailureKind.Transient,
            $"connection to {options.Server} failed: {e.Message}", inner: e),
        _ => null,
    };

    private static MailDeliveryException Reply(SmtpCommandException c, string server)
    {
        var reply = $"{Code(c.StatusCode)} {c.Message}";
        var (what, bounce) = c.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => ($"{server} refused the recipient {c.Mailbox?.Address}", true),
            SmtpErrorCode.SenderNotAccepted => ($"{server} refused the sender {c.Mailbox?.Address}", false),
            SmtpErrorCode.MessageNotAccepted => ($"{server} refused the message after DATA", false),
            _ => ($"{server} answered", false),
        };
        var kind = KindOf(c.StatusCode);
        return new(kind, $"{what}: {reply}", (int)c.StatusCode, bounce && kind == MailFailureKind.Permanent, c);
    }

    // Only 5xx is final (RFC 5321 4.2.1); a 4xx, or anything unexpected, may go through on another try.
    private static MailFailureKind KindOf(SmtpStatusCode code) =>
        (int)code / 100 == 5 ? MailFailureKind.Permanent : MailFailureKind.Transient;

    private static string Code(SmtpStatusCode code) => ((int)code).ToString(CultureInfo.InvariantCulture);

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
