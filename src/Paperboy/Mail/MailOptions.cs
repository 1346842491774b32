namespace Paperboy.Mail;

/// <summary>Section <c>Paperboy:Mail</c>.</summary>
public sealed class MailOptions
{
    public const string Section = "Paperboy:Mail";

    /// <summary>The From address of every message.</summary>
    public string From { get; set; } = "paperboy@localhost";
    public string FromName { get; set; } = "Paperboy";

    /// <summary>
    /// Where messages go when no SMTP server is configured: one <c>.eml</c> file per message. Relative paths are
    /// inside the data folder; the default is <c>--data/mail</c>.
    /// </summary>
    public string PickupFolder { get; set; } = "mail";

    /// <summary>
    /// The site's public address, used for links in mail (confirmation, password reset), since a message has no
    /// request to take the host from. Empty means the address of the request that caused the mail.
    /// </summary>
    public string? PublicUrl { get; set; }
}
