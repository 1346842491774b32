namespace Paperboy.Mail;

/// <summary>How <see cref="SmtpMailSender"/> secures its connections.</summary>
public enum SmtpSecurity
{
    /// <summary>Cleartext (a relay on the same host or a private network).</summary>
    None,

    /// <summary>Connect in cleartext, then require STARTTLS (port 587); a server that does not offer it is an error.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// Section <c>Paperboy:Mail:Smtp</c>. Mail goes to this SMTP server when <see cref="Host"/> is set, otherwise to the
/// pickup folder. There is deliberately no "automatic" security: MailKit's Auto falls back to cleartext, credentials
/// included, whenever a server (or someone in between) does not offer STARTTLS.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Paperboy:Mail:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Signs in with these when set (both or neither; see the start-up validation).</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Connections kept open in parallel, each carrying one message at a time (1..32).</summary>
    public int Connections { get; set; } = 4;

    /// <summary>Messages per second over all connections together, for relays that limit the rate; 0 means no limit.</summary>
    public double MessagesPerSecond { get; set; }

    /// <summary>How long one network operation (connect, a command, writing the message) may take.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary><c>host:port</c>, as failures name the server.</summary>
    public string Server => $"{Host}:{Port}";
}
