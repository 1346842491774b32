using MimeKit;
using Paperboy.Mail;
using Paperboy.Web;

namespace Paperboy.Digests;

/// <summary>
/// Turns a digest's content into the message a subscriber receives: multipart/alternative, plain text first and
/// HTML second, with the headers bulk mail needs to be handled well (one-click unsubscribe, list id, no auto-replies).
/// </summary>
public sealed class DigestComposer(MailOptions mail, SiteOptions site, TimeProvider clock)
{
    private readonly string _origin = DigestLinks.Origin(mail);

    public MimeMessage Compose(DigestRecipient r, DigestContent c)
    {
        RequireWebLink(r.ManageUrl, nameof(r.ManageUrl));
        RequireWebLink(r.UnsubscribeUrl, nameof(r.UnsubscribeUrl));
        var siteName = DigestPapers.OneLine(site.Name);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mail.FromName, mail.From));
        message.To.Add(new MailboxAddress("", r.Email));
        // MimeKit also drops CR and LF from any header value it is given; the subject is made one line here anyway.
        message.Subject = DigestWording.Subject(siteName, c);
        message.Date = clock.GetUtcNow();
        message.MessageId = r.MessageId;
        // RFC 8058: an HTTPS URL that unsubscribes on a POST carrying "List-Unsubscribe=One-Click", with no sign-in.
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{r.UnsubscribeUrl}>");
        message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        message.Headers.Add(HeaderId.ListId, ListId(siteName));
        // RFC 3834: made by a program, not a reply; vacation responders stay quiet. "Precedence: bulk" is left out:
        // it was never standard (RFC 2076 calls it controversial and discouraged), and Auto-Submitted says the same.
        message.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        message.Body = new BodyBuilder
        {
            TextBody = DigestText.Render(siteName, _origin, r, c),
            HtmlBody = DigestHtml.Render(siteName, _origin, r, c),
        }.ToMessageBody();
        // Quoted-printable keeps every line short and 7-bit, whatever relay or pickup folder the message goes through.
        foreach (var part in message.BodyParts.OfType<TextPart>())
            part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        return message;
    }

    /// <summary>
    /// RFC 2919's list identifier: the site's name, then <c>digest.</c> and the From address's domain, which is
    /// <c>localhost</c> by default, the namespace RFC 2919 gives lists without a domain of their own.
    /// </summary>
    private string ListId(string siteName)
    {
        var domain = MailboxAddress.TryParse(mail.From, out var from) ? from.Domain : "";
        domain = new string(domain.Where(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-').ToArray()).Trim('.');
        var phrase = new string(siteName.Where(ch => ch is not ('<' or '>' or '"' or '\\')).ToArray()).Trim();
        return $"{phrase} digest <digest.{(domain.Length == 0 ? "localhost" : domain.ToLowerInvariant())}>";
    }

    private static void RequireWebLink(string url, string name)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || url.Any(char.IsControl) || url.Contains('>'))
            throw new ArgumentException($"{name} must be an absolute http(s) URL", name);
    }
}
