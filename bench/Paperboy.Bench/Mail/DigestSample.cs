using System.Text;
using MimeKit;

namespace Paperboy.Bench.Mail;

/// <summary>
/// Messages shaped like a weekly digest: 20 papers as inline-styled HTML (about 30 KB) and plain text (about 8 KB),
/// multipart/alternative, with the List-Unsubscribe headers a digest carries. The bodies are made once; each message
/// gets its own recipient, subject, Message-Id and unsubscribe link, as a digest run would.
/// </summary>
internal sealed class DigestSample
{
    private const int Papers = 20;
    private static readonly string[] Words =
        ("we propose a novel method for learning sparse representations of large language models that improves " +
         "robustness under distribution shift our experiments on standard benchmarks show consistent gains over " +
         "strong baselines while reducing compute and memory the approach combines attention with retrieval and " +
         "scales to billions of parameters code and models are released").Split(' ');

    public string Html { get; }
    public string Text { get; }

    public DigestSample()
    {
        var random = new Random(48);
        string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        var html = new StringBuilder("<!doctype html><html><body style=\"margin:0;padding:0;background:#f4f4f5\">" +
            "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\">" +
            "<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#ffffff\">");
        var text = new StringBuilder("Paperboy: the week's most upvoted papers\n\n");
        for (var i = 1; i <= Papers; i++)
        {
            var title = Sentence(9);
            var authors = string.Join(", ", Enumerable.Range(0, 5).Select(a => $"Author{i}{a} Surname{a}"));
            var summary = Sentence(150);
            var url = $"https://paperboy.example/papers/2511.{10000 + i * 37}";
            html.Append($"<tr><td style=\"padding:16px 24px;border-bottom:1px solid #e4e4e7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif\">" +
                $"<p style=\"margin:0 0 4px 0;font-size:13px;color:#71717a\">#{i} &middot; {40 - i} upvotes &middot; 12 comments</p>" +
                $"<a href=\"{url}\" style=\"font-size:18px;line-height:1.3;color:#4f46e5;text-decoration:none;font-weight:600\">{title}</a>" +
                $"<p style=\"margin:4px 0 8px 0;font-size:13px;color:#52525b\">{authors}</p>" +
                $"<p style=\"margin:0;font-size:15px;line-height:1.5;color:#18181b\">{summary}</p></td></tr>");
            text.Append($"{i}. {title}\n   {authors}\n   {url}\n   {summary[..Math.Min(summary.Length, 200)]}...\n\n");
        }
        html.Append("<tr><td style=\"padding:24px;font-size:12px;color:#71717a;font-family:system-ui,sans-serif\">" +
            "You get this because you subscribed on paperboy.example. <a href=\"https://paperboy.example/unsubscribe/TOKEN\" " +
            "style=\"color:#71717a\">Unsubscribe</a></td></tr></table></td></tr></table></body></html>");
        text.Append("Unsubscribe: https://paperboy.example/unsubscribe/TOKEN\n");
        Html = html.ToString();
        Text = text.ToString();
    }

    public MimeMessage Message(int n)
    {
        var token = $"t{n:D8}";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Paperboy", "digest@paperboy.example"));
        message.To.Add(new MailboxAddress($"Reader {n}", $"reader{n}@example.org"));
        message.Subject = $"Paperboy: 20 papers of week 48 for reader {n}";
        message.MessageId = $"digest-2025-w48-{n}@paperboy.example";
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<https://paperboy.example/unsubscribe/{token}>");
        message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder { TextBody = Text.Replace("TOKEN", token), HtmlBody = Html.Replace("TOKEN", token) }.ToMessageBody();
        return message;
    }
}
