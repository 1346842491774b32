using AngleSharp.Html.Parser;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Paperboy.Digests;
using Paperboy.Mail;
using Paperboy.Tests.Support;
using Paperboy.Web;

namespace Paperboy.Tests.Digests;

/// <summary>The message a subscriber receives: its parts, its headers, and what its HTML can and cannot do.</summary>
public class DigestComposerTests
{
    private const string Origin = "https://papers.example.org";
    private static readonly DateOnly Wednesday = new(2025, 11, 26);

    [Fact]
    public void TheMessage_IsMultipartAlternative_TextThenHtml_SaysTheSame_WithEveryLinkWrittenOut()
    {
        var message = Composer().Compose(Recipient(), Content());

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToList());
        Assert.Equal("Paperboy digest: 3 papers for Wed 26 Nov", message.Subject);
        Assert.Equal("reader@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal(("Paperboy digests", "digest@papers.example.org"), (message.From.Mailboxes.Single().Name, message.From.Mailboxes.Single().Address));

        var text = message.TextBody!;
        foreach (var expected in new[]
        {
            "Top papers of the day\n---", "1. Attention is all you need", "Ashish Vaswani, Noam Shazeer",
            Origin + "/papers/1706.03762", "New in cs.CL\n---", "New from Yann LeCun\n---", "1 upvote",
            "Manage your digest: " + Origin + "/digest/manage/abc", "Unsubscribe: " + Origin + "/digest/unsubscribe/abc",
            "You receive this because reader@example.org subscribed",
        })
            Assert.Contains(expected, text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 76 || !line.Contains(' ', StringComparison.Ordinal), line));

        var html = new HtmlParser().ParseDocument(message.HtmlBody!);
        Assert.Equal("Your digest for Wed 26 Nov", html.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Top papers of the day", "New in cs.CL", "New from Yann LeCun"], html.QuerySelectorAll("h2").Select(h => h.TextContent).ToList());
        var links = html.QuerySelectorAll("a").GroupBy(a => a.TextContent).ToDictionary(g => g.Key, g => g.First().GetAttribute("href"));
        Assert.Equal(Origin + "/papers/1706.03762", links["Attention is all you need"]);
        Assert.Equal(Origin + "/digest/manage/abc", links["Manage your digest"]);
        Assert.Equal(Origin + "/digest/unsubscribe/abc", links["Unsubscribe"]);
    }

    [Fact]
    public void Headers_CarryTheGivenMessageId_OneClickUnsubscribe_AListId_AndAutoSubmitted_AfterARoundTrip()
    {
        var loaded = RoundTrip(Composer().Compose(Recipient(), Content()));

        Assert.Equal("digest.42.daily-2025-11-26@papers.example.org", loaded.MessageId);
        Assert.Equal("<" + Origin + "/digest/unsubscribe/abc>", loaded.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", loaded.Headers[HeaderId.ListUnsubscribePost]);
        Assert.Equal("Paperboy digest <digest.papers.example.org>", loaded.Headers[HeaderId.ListId]);
        Assert.Equal("auto-generated", loaded.Headers[HeaderId.AutoSubmitted]);
        Assert.False(loaded.Headers.Contains(HeaderId.Precedence));
        Assert.Equal(new DateTimeOffset(2025, 11, 27, 11, 0, 0, TimeSpan.Zero), loaded.Date);
        Assert.Equal("Paperboy digest: 3 papers for Wed 26 Nov", loaded.Subject);
    }

    [Fact]
    public void AWeeklyDigest_SaysWhichWeek()
    {
        var week = DigestPeriod.Weekly(Wednesday);
        var message = Composer().Compose(Recipient(), Content() with { Period = week });

        Assert.Equal("Paperboy digest: 3 papers for the week of 24 Nov", message.Subject);
        Assert.Contains("Top papers of the week", message.HtmlBody);
        Assert.Equal(("weekly:2025-W48", new DateOnly(2025, 11, 24), new DateOnly(2025, 11, 30)), (week.Key, week.FirstDay, week.LastDay));
        Assert.Equal("daily:2025-11-26", DigestPeriod.Daily(Wednesday).Key);
        // ISO weeks cross years: 2026-01-01 is in 2026's first week, which starts on Monday 29 December 2025.
        Assert.Equal(("weekly:2026-W01", new DateOnly(2025, 12, 29)), (DigestPeriod.Weekly(new DateOnly(2026, 1, 1)).Key, DigestPeriod.Weekly(new DateOnly(2026, 1, 1)).FirstDay));
    }

    [Fact]
    public void MarkupInTitlesAuthorsAndLabels_IsShownAsText_NeverRun_AndEveryLinkIsAbsolute()
    {
        const string evil = "<script>alert(1)</script> & \"quotes\"";
        var paper = Paper("2511.00001", evil) with { Authors = ["<img src=x onerror=alert(2)>", "O'Brien & Co"], Excerpt = "</td></tr></table><b>bold</b>" };
        var content = new DigestContent(DigestPeriod.Daily(Wednesday), [paper],
            [new DigestAlert(DigestAlertKinds.Search, "“<a href=\"javascript:alert(3)\">x</a>”", [paper])]);

        var message = Composer().Compose(Recipient(), content);

        var document = SafeHtml.AssertPageInert(message.HtmlBody!);
        Assert.Empty(document.QuerySelectorAll("script, img, b, style, link"));
        var titles = document.QuerySelectorAll("a").Where(a => a.GetAttribute("href") == Origin + "/papers/2511.00001").ToList();
        Assert.Equal(2, titles.Count);
        Assert.All(titles, a => Assert.Equal(evil, a.TextContent));
        Assert.Contains("<img src=x onerror=alert(2)>, O'Brien & Co", document.Body!.TextContent);
        Assert.Contains("</td></tr></table><b>bold</b>", document.Body.TextContent);
        Assert.Contains("New matches for “<a href=\"javascript:alert(3)\">x</a>”", document.QuerySelectorAll("h2").Select(h => h.TextContent));
        foreach (var link in document.QuerySelectorAll("a"))
        {
            var href = link.GetAttribute("href");
            Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http"), href);
        }
        Assert.Contains("1. " + evil, message.TextBody);
    }

    [Fact]
    public void CarriageReturnsAndLineFeeds_InNamesSubjectsAndLabels_NeverMakeAHeader()
    {
        const string injection = "\r\nBcc: victim@example.net\r\nX-Injected: yes";
        var composer = new DigestComposer(new MailOptions { From = "digest@papers.example.org", FromName = "Paperboy" + injection, PublicUrl = Origin },
            new SiteOptions { Name = "Paperboy" + injection }, new FakeTimeProvider(new DateTimeOffset(2025, 11, 27, 11, 0, 0, TimeSpan.Zero)));
        var paper = Paper("2511.00001", "A title" + injection);
        var content = new DigestContent(DigestPeriod.Daily(Wednesday), [paper],
            [new DigestAlert(DigestAlertKinds.Author, "Yann" + injection, [paper]), new DigestAlert(DigestAlertKinds.Search, "“x" + injection + "”", [paper])]);

        var raw = Written(composer.Compose(Recipient(), content));
        var loaded = MimeMessage.Load(new MemoryStream(raw), TestContext.Current.CancellationToken);

        Assert.Empty(loaded.Bcc);
        Assert.DoesNotContain(loaded.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase) || h.Field.StartsWith("X-Injected", StringComparison.OrdinalIgnoreCase));
        Assert.Single(loaded.Headers, h => h.Id == HeaderId.Subject);
        Assert.StartsWith("Paperboy Bcc: victim@example.net X-Injected: yes digest: 1 paper for Wed 26 Nov", loaded.Subject);
        var headers = System.Text.Encoding.ASCII.GetString(raw).Replace("\r\n", "\n").Split("\n\n")[0];
        Assert.DoesNotContain("\nBcc:", headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\nX-Injected:", headers, StringComparison.OrdinalIgnoreCase);
        // In the plain text too, a title keeps to its own lines.
        Assert.Contains("1. A title Bcc: victim@example.net X-Injected: yes", loaded.TextBody);
    }

    [Fact]
    public void LinksThatAreNotAbsoluteWebAddresses_AreRefused()
    {
        foreach (var bad in new[] { "/digest/unsubscribe/abc", "javascript:alert(1)", "mailto:x@example.org", "https://x.example/a\r\nBcc: y@z", "https://x.example/>" })
            Assert.Throws<ArgumentException>(() => Composer().Compose(Recipient() with { UnsubscribeUrl = bad }, Content()));
    }

    [Fact]
    public void Excerpts_AreTheAbstractsOpening_OnOneLine_CutAtAWord()
    {
        var words = string.Join(" ", Enumerable.Range(1, 100).Select(i => $"word{i}"));
        var excerpt = DigestPapers.Excerpt("  A first line\r\n  wrapped by hand.\n\n" + words);

        Assert.StartsWith("A first line wrapped by hand. word1 word2", excerpt);
        Assert.EndsWith("…", excerpt);
        Assert.True(excerpt.Length <= DigestPapers.ExcerptLength + 1, excerpt);
        Assert.Matches(@" word\d+…$", excerpt);
        Assert.Equal("Short.", DigestPapers.Excerpt("Short."));
        Assert.Equal(DigestPapers.ExcerptLength + 1, DigestPapers.Excerpt(new string('x', 400)).Length);
    }

    private static DigestComposer Composer() =>
        new(new MailOptions { From = "digest@papers.example.org", FromName = "Paperboy digests", PublicUrl = Origin + "/" },
            new SiteOptions { Name = "Paperboy" }, new FakeTimeProvider(new DateTimeOffset(2025, 11, 27, 11, 0, 0, TimeSpan.Zero)));

    private static DigestRecipient Recipient() =>
        new("reader@example.org", true, ["cs.CL"], [], ["Yann LeCun"], false, Origin + "/digest/manage/abc", Origin + "/digest/unsubscribe/abc",
            "digest.42.daily-2025-11-26@papers.example.org");

    private static DigestContent Content()
    {
        var attention = Paper("1706.03762", "Attention is all you need") with
        {
            Authors = ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones", "Aidan N. Gomez"],
            Upvotes = 1,
        };
        var bert = Paper("1810.04805", "BERT: pre-training of deep bidirectional transformers");
        var lecun = Paper("2511.00002", "A path towards autonomous machine intelligence");
        return new DigestContent(DigestPeriod.Daily(Wednesday), [attention, bert],
            [new DigestAlert(DigestAlertKinds.Category, "cs.CL", [bert]), new DigestAlert(DigestAlertKinds.Author, "Yann LeCun", [lecun])]);
    }

    private static DigestPaper Paper(string id, string title) =>
        new(id, title, ["Ada Lovelace"], "An excerpt of the abstract.", 12, Origin + "/papers/" + id);

    private static byte[] Written(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static MimeMessage RoundTrip(MimeMessage message) => MimeMessage.Load(new MemoryStream(Written(message)), TestContext.Current.CancellationToken);
}
