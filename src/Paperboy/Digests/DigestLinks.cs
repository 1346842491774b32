using Paperboy.Mail;
using Paperboy.Papers;

namespace Paperboy.Digests;

/// <summary>Absolute links in digests: a message has no request to take the site's address from.</summary>
public static class DigestLinks
{
    /// <summary>
    /// Where links point when <see cref="MailOptions.PublicUrl"/> is not set: <c>paperboy serve</c>'s default
    /// address, right for a local install and plainly wrong anywhere else, which is what tells an operator to set it.
    /// </summary>
    public const string DefaultOrigin = "http://127.0.0.1:5000";

    /// <summary>The site's address without a trailing slash.</summary>
    public static string Origin(MailOptions mail) =>
        string.IsNullOrWhiteSpace(mail.PublicUrl) ? DefaultOrigin : mail.PublicUrl.Trim().TrimEnd('/');

    /// <summary>A paper's page; arXiv ids hold only letters, digits, dots, hyphens and one slash, all safe in a path.</summary>
    public static string Paper(string origin, string arxivId) => origin + PaperLinks.Page(arxivId);
}
