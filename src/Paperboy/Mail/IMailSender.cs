using MimeKit;

namespace Paperboy.Mail;

/// <summary>
/// The one door mail leaves by: account mail now, digests later. Implementations deliver or throw; a message
/// handed over and not thrown back is the sender's responsibility.
/// </summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct = default);
}
