using Microsoft.Extensions.DependencyInjection;
using Paperboy.Import;
using Paperboy.Search.Indexing;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Search;

/// <summary>A site with a few papers on distinct subjects, and helpers to bring its indexes level.</summary>
public static class SearchSite
{
    public static readonly DateOnly Day = new(2025, 6, 2);

    /// <summary>Papers whose subjects share no words with the paraphrased queries of the tests.</summary>
    public static PaperRecord[] Papers() =>
    [
        Paper("2506.00001", "Rainfall prediction with recurrent networks",
            "We predict daily rainfall totals at weather stations from radar and satellite observations using recurrent networks.",
            ["physics.ao-ph", "cs.LG"], ["Grace Hopper"], github: "https://github.com/example/rain"),
        Paper("2506.00002", "Storm and precipitation nowcasting from radar echoes",
            "Short-term forecasts of storms and precipitation from radar echo sequences, evaluated on two years of weather data.",
            ["physics.ao-ph"], ["Grace Hopper", "Edsger Dijkstra"]),
        Paper("2506.00003", "Protein structure from amino acid sequences",
            "A model that folds proteins: three-dimensional structure is inferred from the amino acid sequence alone.",
            ["q-bio.BM"], ["Barbara Liskov"]),
        Paper("2506.00004", "Translating legal contracts between German and French",
            "Machine translation of legal contracts with a terminology glossary, evaluated by lawyers.",
            ["cs.CL"], ["Donald Knuth"], published: new DateTime(2023, 5, 1, 0, 0, 0, DateTimeKind.Utc)),
        Paper("2506.00005", "Segmenting tumours in medical scans",
            "Pixel-accurate segmentation of tumours in magnetic resonance images with a U-shaped convolutional network.",
            ["eess.IV", "cs.CV"], ["Frances Allen"]),
    ];

    public static PaperRecord Paper(string id, string title, string abstractText, List<string> categories, List<string> authors,
        string? github = null, DateTime? published = null) =>
        TestSite.Paper(id, Day, 5, title, published, authors) with
        {
            Abstract = abstractText, Categories = categories, GithubRepo = github,
        };

    public static async Task<TestSite> StartAsync(Engine engine, bool embeddings = false)
    {
        var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?>
        {
            ["Paperboy:Search:Embed"] = embeddings ? "true" : "false",
            // Tests bring the indexes level themselves, at the moment they choose.
            ["Paperboy:Search:CatchUpSeconds"] = "3600",
        });
        await site.SeedAsync(Papers());
        await LevelAsync(site, embeddings);
        return site;
    }

    /// <summary>Embeds what is missing (when asked) and brings the full-text index and the vectors level.</summary>
    public static async Task LevelAsync(TestSite site, bool embeddings)
    {
        var ct = TestContext.Current.CancellationToken;
        if (embeddings) await site.Services.GetRequiredService<EmbeddingWorker>().CatchUpAsync(ct);
        await site.Services.GetRequiredService<SearchIndexer>().CatchUpAsync(ct);
    }
}
