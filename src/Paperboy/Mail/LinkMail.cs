using System.Text.Encodings.Web;
using MimeKit;

namespace Paperboy.Mail;

/// <summary>
/// The short message that carries one link to act on (confirm an account, reset a password, confirm a digest):
/// the text as written, and the same paragraphs as HTML with the link as a button-like anchor.
/// </summary>
public static class LinkMail
{
    public static MimeMessage Create(MailOptions mail, string? name, string address, string subject, string text, string link, string action)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mail.FromName, mail.From));
        message.To.Add(new MailboxAddress(name, address));
        message.Subject = subject;
        var html = HtmlEncoder.Default;
        message.Body = new BodyBuilder
        {
            TextBody = text,
            HtmlBody = "<div style=\"font-family:system-ui,sans-serif;font-size:16px;line-height:1.5\">" +
                       string.Join("", text.Split("\n\n").Select(p => $"<p>{html.Encode(p).Replace("&#xA;", "<br>")}</p>")) +
                       $"<p><a href=\"{html.Encode(link)}\" style=\"color:#4f46e5\">{html.Encode(action)}</a></p></div>",
        }.ToMessageBody();
        return message;
    }
}
