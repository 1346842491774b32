using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Community;

/// <summary>
/// Changes to feed entries that only members or moderators make (local votes and comments, hiding, stored
/// scores), written straight to the database, and a way to read a page's cards.
/// </summary>
public static partial class FeedData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task SetLocalAsync(TestSite site, string arxivId, int upvotes, int comments = 0)
    {
        await using var db = site.Database.CreateContext();
        var n = await db.DailyEntries.Where(e => db.Papers.Any(p => p.Id == e.PaperId && p.ArxivId == arxivId))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LocalUpvotes, upvotes).SetProperty(e => e.LocalComments, comments), Ct);
        Assert.Equal(1, n);
    }

    public static async Task HideAsync(TestSite site, string arxivId)
    {
        await using var db = site.Database.CreateContext();
        var at = new DateTime(2025, 6, 4, 12, 0, 0, DateTimeKind.Utc);
        var n = await db.DailyEntries.Where(e => db.Papers.Any(p => p.Id == e.PaperId && p.ArxivId == arxivId))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.HiddenAt, at), Ct);
        Assert.Equal(1, n);
    }

    public static async Task SetTrendingAsync(TestSite site, string arxivId, double score)
    {
        await using var db = site.Database.CreateContext();
        var n = await db.DailyEntries.Where(e => db.Papers.Any(p => p.Id == e.PaperId && p.ArxivId == arxivId))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Trending, score), Ct);
        Assert.Equal(1, n);
    }

    /// <summary>The cards of a page in order: arXiv id and the card's HTML.</summary>
    public static List<(string Id, string Html)> Cards(string html) =>
        CardPattern().Matches(html).Select(m => (m.Groups[1].Value, m.Value)).ToList();

    public static List<string> CardIds(string html) => Cards(html).Select(c => c.Id).ToList();

    /// <summary>The papers whose card carries the paper-of-the-day mark.</summary>
    public static List<string> PapersOfTheDay(string html) =>
        Cards(html).Where(c => c.Html.Contains("class=\"potd\"", StringComparison.Ordinal)).Select(c => c.Id).ToList();

    [GeneratedRegex("<article class=\"card[^\"]*\" data-paper=\"([^\"]+)\">.*?</article>", RegexOptions.Singleline)]
    private static partial Regex CardPattern();
}
