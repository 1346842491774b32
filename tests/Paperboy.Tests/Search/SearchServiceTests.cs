using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Indexing;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search;

public class SearchServiceTests
{
    [Fact]
    public void WhileAnotherProcessHoldsTheIndex_SearchAnswersWithANote_NotAnError()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"paperboy-locked-{Guid.NewGuid():N}");
        try
        {
            var options = new SearchOptions();
            using var indexes = new SearchIndexes(new DataFolder(folder), options);
            using var rebuild = new KeywordIndex(indexes.KeywordPath);

            var results = new SearchService(indexes, options).Search("radar", SearchMode.Hybrid, 10);

            Assert.Empty(results.Hits);
            Assert.Contains(results.Notes, n => n.Contains("being rebuilt", StringComparison.Ordinal));
            Assert.Null(indexes.KeywordOrNull());
            rebuild.Dispose();
            Assert.NotNull(indexes.KeywordOrNull());
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void KeywordSearch_NotCounting_FindsTheSameHitsWithoutATotal()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"paperboy-count-{Guid.NewGuid():N}");
        try
        {
            var options = new SearchOptions();
            using var indexes = new SearchIndexes(new DataFolder(folder), options);
            indexes.KeywordOrNull()!.Upsert(Enumerable.Range(1, 60)
                .Select(i => KeywordTestIndex.Paper(i, i % 4 == 0 ? "radar signal processing" : "radar imaging", $"radar {i}")).ToArray());
            var search = new SearchService(indexes, options);

            var counted = search.Search("radar signal", SearchMode.Keyword, 10);
            var uncounted = search.Search("radar signal", SearchMode.Keyword, 10, countTotal: false);

            Assert.Equal(60, counted.Total);
            Assert.Null(uncounted.Total);
            Assert.Equal(counted.Hits, uncounted.Hits);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
