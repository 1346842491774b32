using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Collections;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Syndication;

public partial class FeedLinkPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 2);

    public static TheoryData<string, string> ListPages => new()
    {
        { "/papers", "/feeds/daily" },
        { "/papers/date/2025-06-02", "/feeds/daily" },
        { "/papers/week/2025-W23", "/feeds/daily" },
        { "/papers/month/2025-06", "/feeds/daily" },
        { "/papers/trending", "/feeds/trending" },
        { "/papers?category=cs.LG", "/feeds/categories/cs.LG" },
        { "/papers/date/2025-06-02?category=stat.ML&sort=newest", "/feeds/categories/stat.ML" },
        { "/papers/week/2025-W23?category=cs.LG", "/feeds/categories/cs.LG" },
        { "/papers/month/2025-06?category=cs.LG", "/feeds/categories/cs.LG" },
        { "/papers/trending?category=cs.LG&code=1", "/feeds/categories/cs.LG" },
        { "/search?q=rainfall%20%26%20radar&mode=keyword", "/feeds/search" },
    };

    [Theory, MemberData(nameof(ListPages))]
    public async Task ListPages_LinkTheirFeedInTheHeadAndOnThePage_InBothFormats_AndTheLinksWork(string page, string feed)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        await site.SeedAsync(TestSite.Paper("2506.00001", Day, 5));

        var html = await site.GetStringAsync(page);
        var links = Alternates(html);

        Assert.Equal(feed + ".atom", links.First(l => l.Type == "application/atom+xml").Href.Split('?')[0]);
        Assert.Equal(feed + ".rss", links.First(l => l.Type == "application/rss+xml").Href.Split('?')[0]);
        Assert.Contains($"<a href=\"{WebUtility.HtmlEncode(links[0].Href)}\" type=\"application/atom+xml\"", html);
        foreach (var link in links) await FeedClient.LoadAsync(site, link.Href);
    }

    [Fact]
    public async Task SearchPage_LinksTheSameQueryAndMode()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        var links = Alternates(await site.GetStringAsync("/search?q=rainfall%20%26%20radar&mode=keyword"));
        var author = Alternates(await site.GetStringAsync("/search?q=author:%22Ada%20Lovelace%22"));

        Assert.Equal("/feeds/search.atom?q=rainfall%20%26%20radar&mode=keyword", links[0].Href);
        Assert.Equal("Search: rainfall & radar (Atom)", links[0].Title);
        Assert.Equal(["/feeds/authors/Ada%20Lovelace.atom", "/feeds/authors/Ada%20Lovelace.rss",
            "/feeds/search.atom?q=author%3A%22Ada%20Lovelace%22", "/feeds/search.rss?q=author%3A%22Ada%20Lovelace%22"], author.Select(l => l.Href));
    }

    [Fact]
    public async Task Collections_LinkAFeedOnlyWhenPublic_AndProfilesLinkSubmissionsAndPublicCollections()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var alice = await WebSession.MemberAsync(site, "alice");
        await using (var db = site.Database.CreateContext())
        {
            var id = await db.Users.Where(u => u.UserName == "alice").Select(u => u.Id).SingleAsync(Ct);
            var at = new DateTime(2025, 6, 4, 8, 0, 0, DateTimeKind.Utc);
            db.Collections.AddRange(
                new Collection { UserId = id, Slug = "open", Name = "Open list", IsPublic = true, CreatedAt = at, UpdatedAt = at },
                new Collection { UserId = id, Slug = "shut", Name = "Shut list", IsPublic = false, CreatedAt = at, UpdatedAt = at.AddHours(1) });
            await db.SaveChangesAsync(Ct);
        }

        var open = Alternates(await site.GetStringAsync("/collections/alice/open"));
        var shutToOwner = await alice.GetStringAsync("/collections/alice/shut");
        var profileToOwner = Alternates(await alice.GetStringAsync("/users/alice"));

        Assert.Equal(["/feeds/collections/alice/open.atom", "/feeds/collections/alice/open.rss"], open.Select(l => l.Href));
        Assert.Equal("Collection: Open list (Atom)", open[0].Title);
        Assert.Empty(Alternates(shutToOwner));
        Assert.DoesNotContain("/feeds/", shutToOwner);
        Assert.Equal(["/feeds/users/alice/submitted.atom", "/feeds/users/alice/submitted.rss",
            "/feeds/collections/alice/open.atom", "/feeds/collections/alice/open.rss"], profileToOwner.Select(l => l.Href));
        foreach (var link in open.Concat(profileToOwner)) await FeedClient.LoadAsync(site, link.Href);
    }

    private sealed record Alternate(string Type, string Title, string Href);

    private static List<Alternate> Alternates(string html)
    {
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        return AlternateLink().Matches(head)
            .Select(m => new Alternate(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[3].Value)))
            .ToList();
    }

    [GeneratedRegex("<link rel=\"alternate\" type=\"([^\"]+)\" title=\"([^\"]*)\" href=\"([^\"]+)\">")]
    private static partial Regex AlternateLink();
}
