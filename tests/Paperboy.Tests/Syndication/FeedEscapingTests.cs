using System.Xml;
using Microsoft.EntityFrameworkCore;
using Paperboy.Syndication;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

public class FeedEscapingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 2);

    // Characters XML 1.0 cannot hold at all, not even escaped; U+000B is absent because imports turn it into a space.
    private const string Invalid = "\u0001\u0008\u001F\uFFFE\uFFFF";

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MarkupAndInvalidCharacters_GiveWellFormedFeeds_WithTheTextAsText(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        var payloads = XssPayloads.All.Take(40).ToList();
        await site.SeedAsync(payloads.Select((title, i) => TestSite.Paper($"2506.{i + 1:D5}", Day, 100 - i, title)).ToArray());
        await site.SeedAsync(TestSite.Paper("2506.00099", Day, 1000, $"Bad{Invalid}title <script>alert(1)</script> & co",
            authors: [$"Ann{Invalid}e", "<b>Bold</b> & Sons"]) with { Abstract = $"An abstract with ]]> and &amp; and {Invalid}." });

        foreach (var format in new[] { "atom", "rss" })
        {
            var xml = await FeedClient.GetXmlAsync(site, $"/feeds/daily.{format}?limit=100");
            var feed = FeedClient.Parse(format, xml);
            var items = feed.Items.ToDictionary(i => i.Id, i => i);

            var bad = items["http://localhost/papers/2506.00099"];
            Assert.Equal("Bad     title <script>alert(1)</script> & co", bad.Title.Text);
            Assert.Equal("An abstract with ]]> and &amp; and      .", bad.Summary.Text);
            if (format == "atom") Assert.Equal(["Ann     e", "<b>Bold</b> & Sons"], bad.Authors.Select(a => a.Name));
            await using (var db = site.Database.CreateContext())
            {
                var stored = await db.Papers.AsNoTracking().Where(p => p.ArxivId.StartsWith("2506.000") && p.ArxivId != "2506.00099")
                    .ToDictionaryAsync(p => p.ArxivId, p => p.Title, Ct);
                foreach (var (id, title) in stored) Assert.Equal(title, items[$"http://localhost/papers/{id}"].Title.Text);
            }
            // Markup is escaped text, never an element: no reader can take it for HTML.
            Assert.DoesNotContain("<script", xml, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", xml, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", xml, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Clean_ReplacesWhatXmlCannotHold_AndKeepsEverythingElse()
    {
        Assert.Equal("a b c d e f", XmlChars.Clean("a\u0000b\u0001c\uFFFEd\uFFFFe\u001Ff"));
        Assert.Equal("lone    surrogates", XmlChars.Clean("lone \uD800 \uDC00surrogates"));
        Assert.Equal("pair 😀, tab\t, lines\r\n, <&> \"'", XmlChars.Clean("pair 😀, tab\t, lines\r\n, <&> \"'"));
        Assert.Equal("", XmlChars.Clean(null));
        Assert.Equal("end  ", XmlChars.Clean("end \uD83D"));
        var all = new string(Enumerable.Range(0, 0x10000).Select(i => (char)i).ToArray());
        Assert.All(XmlChars.Clean(all), c => Assert.True(XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)));
    }
}
