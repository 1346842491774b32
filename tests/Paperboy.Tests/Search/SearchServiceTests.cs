using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Indexing;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search;

public class SearchServiceTests
{
    [Fact]
    public void WhileAnotherProcessHoldsTheIndex_SearchAnswersWithANote_NotAnError() => WithIndexes((indexes, options) =>
    {
        using var rebuild = new KeywordIndex(indexes.KeywordPath);

        var results = new SearchService(indexes, options).Search("radar", SearchMode.Hybrid, 10);

        Assert.Empty(results.Hits);
        Assert.Contains(results.Notes, n => n.Contains("being rebuilt", StringComparison.Ordinal));
        Assert.Null(indexes.KeywordOrNull());
        rebuild.Dispose();
        Assert.NotNull(indexes.KeywordOrNull());
    });

    [Fact]
    public void KeywordSearch_NotCounting_FindsTheSameHitsWithoutATotal() => WithIndexes((indexes, options) =>
    {
        indexes.KeywordOrNull()!.Upsert(Enumerable.Range(1, 60)
            .Select(i => KeywordTestIndex.Paper(i, i % 4 == 0 ? "radar signal processing" : "radar imaging", $"radar {i}")).ToArray());
        var search = new SearchService(indexes, options);

        var counted = search.Search("radar signal", SearchMode.Keyword, 10);
        var uncounted = search.Search("radar signal", SearchMode.Keyword, 10, countTotal: false);

        Assert.Equal(60, counted.Total);
        Assert.Null(uncounted.Total);
        Assert.Equal(counted.Hits, uncounted.Hits);
    });

    /// <summary>Runs <paramref name="test"/> on the search indexes of a data folder of its own, removed afterwards.</summary>
    private static void WithIndexes(Action<SearchIndexes, SearchOptions> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"paperboy-search-{Guid.NewGuid():N}");
        try
        {
            var options = new SearchOptions();
            using var indexes = new SearchIndexes(new DataFolder(folder), options);
            test(indexes, options);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
