using Microsoft.Extensions.DependencyInjection;
using Paperboy.Digests;
using Paperboy.Import;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Digests;

/// <summary>A site with papers published in and around one feed day, for digest tests (which need no search index).</summary>
public static class DigestSite
{
    /// <summary>The digest's day: a Monday, two days before the test clock's "now".</summary>
    public static readonly DateOnly Day = new(2025, 6, 2);

    public const string Origin = "https://papers.example.org";

    public static async Task<TestSite> StartAsync(Engine engine, params PaperRecord[] papers)
    {
        var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?>
        {
            // The background indexer stays out of the way: digests read the database.
            ["Paperboy:Search:CatchUpSeconds"] = "3600",
            ["Paperboy:Mail:PublicUrl"] = Origin + "/",
            ["Paperboy:Site:Name"] = "Paperboy",
        });
        await site.SeedAsync(papers);
        return site;
    }

    /// <summary>A paper published at <paramref name="published"/> (noon UTC), on the feed of that day unless <paramref name="onFeed"/> is false.</summary>
    public static PaperRecord Paper(string id, string title, DateOnly published, List<string> categories, List<string> authors,
        int upvotes = 3, bool onFeed = true)
    {
        var paper = TestSite.Paper(id, published, upvotes, title, published.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), authors)
            with { Categories = categories };
        return onFeed ? paper : paper with { Daily = null };
    }

    public static DigestRecipient Recipient(bool trending = false, List<string>? categories = null, List<string>? searches = null,
        List<string>? authors = null, bool forYou = false) =>
        new("reader@example.org", trending, categories ?? [], searches ?? [], authors ?? [], forYou,
            Origin + "/digest/manage/token", Origin + "/digest/unsubscribe/token", "digest.1.daily-2025-06-02@papers.example.org");

    public static DigestContentSource Source(TestSite site) => site.Services.GetRequiredService<DigestContentSource>();

    public static List<string> Ids(IEnumerable<DigestPaper> papers) => papers.Select(p => p.ArxivId).ToList();
}
