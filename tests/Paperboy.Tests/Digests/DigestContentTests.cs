using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Paperboy.Digests;
using Paperboy.Import;
using Paperboy.Mail;
using Paperboy.Tests.Community;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;
using static Paperboy.Tests.Digests.DigestSite;

namespace Paperboy.Tests.Digests;

/// <summary>What goes into a digest: the period's top papers and each alert's new papers, read from the database and the index.</summary>
public class DigestContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Top_IsTheDaysVisibleEntriesByTotalUpvotes_TiesByTrending_AtMostTen(Engine engine)
    {
        var papers = Enumerable.Range(1, 12)
            .Select(i => Paper($"2506.{i:D5}", $"Paper number {i}", Day, ["cs.LG"], ["Ada Lovelace"], upvotes: i)).ToList();
        papers.Add(Paper("2506.00050", "Hidden but popular", Day, ["cs.LG"], ["Ada Lovelace"], upvotes: 50));
        papers.Add(Paper("2506.00060", "Popular the day before", Day.AddDays(-1), ["cs.LG"], ["Ada Lovelace"], upvotes: 60));
        papers.Add(Paper("2506.00013", "Tied with number 12", Day, ["cs.LG"], ["Ada Lovelace"], upvotes: 12));
        await using var site = await StartAsync(engine, [.. papers]);
        await FeedData.SetLocalAsync(site, "2506.00001", upvotes: 20);
        await FeedData.HideAsync(site, "2506.00050");
        await FeedData.SetTrendingAsync(site, "2506.00012", 1.5);
        await FeedData.SetTrendingAsync(site, "2506.00013", 9.5);

        var content = await Source(site).ForAsync(Recipient(trending: true), DigestPeriod.Daily(Day), Ct);

        // 1 imported + 20 local upvotes puts paper 1 first; 13 and 12 tie on 12 and 13 trends higher.
        Assert.Equal(["2506.00001", "2506.00013", "2506.00012", "2506.00011", "2506.00010", "2506.00009", "2506.00008",
            "2506.00007", "2506.00006", "2506.00005"], Ids(content.Top));
        var first = content.Top[0];
        Assert.Equal(21, first.Upvotes);
        Assert.Equal("Paper number 1", first.Title);
        Assert.Equal(["Ada Lovelace"], first.Authors);
        Assert.Equal("The abstract of paper 2506.00001.", first.Excerpt);
        Assert.Equal(Origin + "/papers/2506.00001", first.Url);
        Assert.Empty(content.Alerts);
        Assert.False(content.IsEmpty);

        var weekly = await Source(site).ForAsync(Recipient(trending: true), DigestPeriod.Weekly(Day.AddDays(3)), Ct);
        Assert.DoesNotContain("2506.00050", Ids(weekly.Top));
        // The day before is a Sunday, the end of the week before.
        Assert.DoesNotContain("2506.00060", Ids(weekly.Top));
        Assert.Equal("2506.00001", weekly.Top[0].ArxivId);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Alerts_FindThePeriodsNewPapers_ByCategorySearchAndAuthor_AndNothingOutsideIt(Engine engine)
    {
        await using var site = await StartAsync(engine, AlertPapers());
        await FeedData.HideAsync(site, "2506.00205");

        var content = await Source(site).ForAsync(
            Recipient(categories: ["cs.CL"], searches: ["graph neural networks"], authors: ["Yann LeCun"]), DigestPeriod.Daily(Day), Ct);

        Assert.Empty(content.Top);
        Assert.Equal([("category", "cs.CL"), ("search", "“graph neural networks”"), ("author", "Yann LeCun")],
            content.Alerts.Select(a => (a.Kind, a.Label)).ToList());
        Assert.Equal(["2506.00202", "2506.00206"], Ids(content.Alerts[0].Papers).Order().ToList());
        Assert.Equal(["2506.00201"], Ids(content.Alerts[1].Papers));
        Assert.Equal(["2506.00201"], Ids(content.Alerts[2].Papers));
        // A paper off the feed has no upvotes; one on it has its count.
        Assert.Equal(0, content.Alerts[0].Papers.Single(p => p.ArxivId == "2506.00206").Upvotes);
        Assert.Equal(7, content.Alerts[1].Papers[0].Upvotes);

        // A week holds the days around it: the paper of the Friday before is still out, the one of Wednesday in.
        var week = await Source(site).ForAsync(Recipient(searches: ["graph neural networks"]), DigestPeriod.Weekly(Day), Ct);
        Assert.Equal(["2506.00201", "2506.00207"], Ids(Assert.Single(week.Alerts).Papers).Order().ToList());
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AnEmptyPeriod_GivesAnEmptyDigest_AndAlertsThatFindNothingAreLeftOut(Engine engine)
    {
        await using var site = await StartAsync(engine, AlertPapers());
        var everything = Recipient(trending: true, categories: ["cs.CL", "not a category!"], searches: ["graph neural networks", "  "],
            authors: ["Yann LeCun", "\"\""], forYou: true);

        var empty = await Source(site).ForAsync(everything, DigestPeriod.Daily(new DateOnly(2025, 5, 1)), Ct);

        Assert.True(empty.IsEmpty);
        Assert.Empty(empty.Top);
        Assert.Empty(empty.Alerts);

        var day = await Source(site).ForAsync(Recipient(categories: ["q-fin.ST"], authors: ["Nobody Known"]), DigestPeriod.Daily(Day), Ct);
        Assert.True(day.IsEmpty);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AlertsFollowingTheSameThing_ShareOneSearch_WhileNewVotesShowAfterMaxAge(Engine engine)
    {
        await using var site = await StartAsync(engine, AlertPapers());
        var source = Source(site);
        var first = await source.ForAsync(Recipient(trending: true, categories: ["cs.CL"]), DigestPeriod.Daily(Day), Ct);
        // Spelled differently, the same category: one search, and each subscriber sees the label as they wrote it.
        var second = await source.ForAsync(Recipient(categories: ["CS.cl"]), DigestPeriod.Daily(Day), Ct);
        Assert.Same(first.Alerts[0].Papers, second.Alerts[0].Papers);
        Assert.Equal("CS.cl", second.Alerts[0].Label);

        await FeedData.SetLocalAsync(site, "2506.00202", upvotes: 100);
        var soon = await source.ForAsync(Recipient(trending: true), DigestPeriod.Daily(Day), Ct);
        Assert.NotEqual("2506.00202", soon.Top[0].ArxivId);
        site.Clock.Advance(DigestContentSource.MaxAge);
        var later = await source.ForAsync(Recipient(trending: true), DigestPeriod.Daily(Day), Ct);
        Assert.Equal("2506.00202", later.Top[0].ArxivId);
        Assert.Equal(103, later.Top[0].Upvotes);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SavedSearches_SpeakTheSearchSyntax_OverThePeriodsPapersOnly_AsCategoriesAndAuthorsDo(Engine engine)
    {
        await using var site = await StartAsync(engine, AlertPapers());
        await FeedData.HideAsync(site, "2506.00205");

        var content = await Source(site).ForAsync(Recipient(
            categories: ["cs"], authors: ["yann  lecun"],
            searches: ["\"graph neural networks\"", "contracts OR parsing", "networks category:q-bio.BM", "2506.00203 2506.00202", "has:code"]),
            DigestPeriod.Daily(Day), Ct);

        // "cs" is the whole archive: cs.LG and cs.CL papers of the day, not the hidden one.
        Assert.Equal(["2506.00201", "2506.00202", "2506.00206"], Ids(content.Alerts.Single(a => a.Label == "cs").Papers).Order().ToList());
        Assert.Equal(["2506.00201"], Ids(content.Alerts.Single(a => a.Label == "yann lecun").Papers));
        Assert.Equal(["2506.00201"], Ids(content.Alerts.Single(a => a.Label == "“\"graph neural networks\"”").Papers));
        Assert.Equal(["2506.00202", "2506.00206"], Ids(content.Alerts.Single(a => a.Label == "“contracts OR parsing”").Papers).Order().ToList());
        Assert.Equal(["2506.00201"], Ids(content.Alerts.Single(a => a.Label == "“networks category:q-bio.BM”").Papers));
        // An id names a paper outright, but one published three days before is not new today.
        Assert.Equal(["2506.00202"], Ids(content.Alerts.Single(a => a.Label == "“2506.00203 2506.00202”").Papers));
        // No paper of the day links code: an alert that finds nothing is left out.
        Assert.DoesNotContain(content.Alerts, a => a.Label == "“has:code”");
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PicksForYou_ComeInTheirOrder_WithoutHiddenPapers(Engine engine)
    {
        await using var site = await StartAsync(engine, AlertPapers());
        await FeedData.HideAsync(site, "2506.00205");
        Dictionary<string, long> ids;
        await using (var db = site.Database.CreateContext())
            ids = db.Papers.ToDictionary(p => p.ArxivId, p => p.Id);
        var picks = new FixedPicks([ids["2506.00204"], ids["2506.00205"], ids["2506.00201"], 999_999]);
        var source = new DigestContentSource(site.Services.GetRequiredService<IServiceScopeFactory>(), picks,
            new MailOptions { PublicUrl = Origin }, site.Clock, NullLogger<DigestContentSource>.Instance);

        var content = await source.ForAsync(Recipient(forYou: true), DigestPeriod.Daily(Day), Ct);

        var alert = Assert.Single(content.Alerts);
        Assert.Equal((DigestAlertKinds.ForYou, "Picked for you"), (alert.Kind, alert.Label));
        // Picks may be older than the period: they are not "new since the last digest", they are for this reader.
        Assert.Equal(["2506.00204", "2506.00201"], Ids(alert.Papers));
        Assert.Equal("reader@example.org", picks.AskedFor);
    }

    /// <summary>
    /// Papers around <see cref="DigestSite.Day"/>: 201, 202, 205 (hidden by the tests that need it) and 206 published
    /// that day, 203 three days before (the Friday), 204 a week before, 207 two days after (the Wednesday).
    /// </summary>
    private static PaperRecord[] AlertPapers() =>
    [
        Paper("2506.00201", "Graph neural networks for protein design", Day, ["cs.LG", "q-bio.BM"], ["Yann LeCun", "Ada Lovelace"], upvotes: 7),
        Paper("2506.00202", "Parsing with attention", Day, ["cs.CL"], ["Grace Hopper"]),
        Paper("2506.00203", "Graph neural networks on citation data", Day.AddDays(-3), ["cs.CL"], ["Alan Turing"]),
        Paper("2506.00204", "An older paper by Yann LeCun", Day.AddDays(-7), ["cs.CV"], ["Yann LeCun"]),
        Paper("2506.00205", "Hidden graph neural networks", Day, ["cs.CL"], ["Yann LeCun"]),
        Paper("2506.00206", "Machine translation of contracts", Day, ["cs.CL"], ["Donald Knuth"], onFeed: false),
        Paper("2506.00207", "Graph neural networks in the middle of the week", Day.AddDays(2), ["cs.LG"], ["Barbara Liskov"]),
    ];

    private sealed class FixedPicks(IReadOnlyList<long> ids) : IForYouPicks
    {
        public string? AskedFor { get; private set; }

        public Task<IReadOnlyList<long>> PickAsync(string email, DigestPeriod period, int count, CancellationToken ct)
        {
            AskedFor = email;
            return Task.FromResult(ids);
        }
    }
}
