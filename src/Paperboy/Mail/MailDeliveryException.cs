namespace Paperboy.Mail;

/// <summary>What a caller may do about a message that was not delivered.</summary>
public enum MailFailureKind
{
    /// <summary>Worth trying again later: a 4xx reply, a server that could not be reached, timed out or broke the connection.</summary>
    Transient,

    /// <summary>
    /// The same attempt will fail again: a 5xx reply, refused credentials, a TLS or configuration mismatch. When
    /// <see cref="MailDeliveryException.IsBounce"/> is true the address itself was refused; otherwise the fault is
    /// on this side (configuration, message) and holds for every message until it is fixed.
    /// </summary>
    Permanent,
}

/// <summary>
/// A message that an <see cref="IMailSender"/> could not hand over. <see cref="Exception.Message"/> is one line
/// saying what happened (the server's reply included), fit to store beside the message; the original error is the
/// inner exception.
/// </summary>
public sealed class MailDeliveryException(MailFailureKind kind, string message, int? statusCode = null,
    bool isBounce = false, Exception? inner = null) : Exception(message, inner)
{
    public MailFailureKind Kind => kind;

    /// <summary>The SMTP reply code (451, 550, 535...) when the failure was a reply; null for network errors.</summary>
    public int? StatusCode => statusCode;

    /// <summary>True when the server refused the recipient permanently (5xx on RCPT TO): stop mailing that address.</summary>
    public bool IsBounce => isBounce;
}
