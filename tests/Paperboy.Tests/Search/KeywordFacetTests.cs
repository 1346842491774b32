using Paperboy.Search.Keyword;
using static Paperboy.Tests.Search.KeywordTestIndex;

namespace Paperboy.Tests.Search;

public class KeywordFacetTests
{
    [Fact]
    public void Facets_CountEveryMatch_NotJustThePage()
    {
        var random = new Random(5);
        string[] categories = ["cs.CL", "cs.LG", "cs.CV", "stat.ML", "math.OC"];
        var papers = Enumerable.Range(1, 300).Select(i => Paper(i,
            i % 3 == 0 ? "Optimisation of language models" : "Image restoration",
            categories: categories.Where(_ => random.Next(3) == 0).DefaultIfEmpty("cs.AI").ToArray(),
            published: i % 10 == 0 ? null : $"{2019 + i % 7}-0{1 + i % 9}-15")).ToArray();
        // Commit half way so the counts span segments, as a live index's do.
        using var t = new KeywordTestIndex(papers[..150]);
        t.Index.Commit(1);
        t.Index.Upsert(papers[150..]);

        var results = t.Search("language", limit: 5, facets: true);

        var matching = papers.Where(p => p.Title.Contains("language")).ToList();
        Assert.Equal(matching.Count, results.TotalHits);
        Assert.Equal(5, results.Hits.Count);
        var expectedCategories = matching.SelectMany(p => p.Categories).CountBy(c => c)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CategoryCount(c.Key, c.Value));
        Assert.Equal(expectedCategories, results.Facets!.Categories);
        var expectedYears = matching.Where(p => p.PublishedAt is not null).CountBy(p => p.PublishedAt!.Value.Year)
            .OrderByDescending(y => y.Key).Select(y => new YearCount(y.Key, y.Value));
        Assert.Equal(expectedYears, results.Facets.Years);
    }

    [Fact]
    public void Facets_StayRightAsSegmentsAreMergedAndPapersReplaced()
    {
        // Thirty commits make thirty small segments, which Lucene merges in the background while the test goes on;
        // every paper is then moved to another category, which leaves the old versions deleted in old segments.
        using var t = new KeywordTestIndex();
        for (var c = 0; c < 30; c++)
        {
            t.Index.Upsert(Enumerable.Range(0, 10).Select(k => Paper(c * 10 + k, "Graphs", categories: [$"a.X{k % 3}"], published: $"{2020 + k % 2}-01-01")).ToList());
            t.Index.Commit(c + 1);
        }
        t.Index.Upsert(Enumerable.Range(0, 300).Select(i => Paper(i, "Graphs", categories: [i % 4 == 0 ? "b.Y" : "b.Z"], published: "2024-05-05")).ToList());
        t.Index.Commit(31);

        var facets = t.Search("graphs", limit: 1, facets: true).Facets!;

        Assert.Equal([new CategoryCount("b.Z", 225), new CategoryCount("b.Y", 75)], facets.Categories);
        Assert.Equal([new YearCount(2024, 300)], facets.Years);
    }

    [Fact]
    public void Facets_ListAtMostTwentyCategories_MostFrequentFirst()
    {
        // Category i is on i papers: the twenty kept are 30 down to 11.
        var papers = Enumerable.Range(1, 30)
            .SelectMany(c => Enumerable.Range(0, c).Select(k => (Category: $"x.C{c:D2}", Id: c * 100 + k)))
            .Select(p => Paper(p.Id, "Topic", categories: [p.Category])).ToArray();
        using var t = new KeywordTestIndex(papers);

        var facets = t.Search("topic", limit: 1, facets: true).Facets!;

        Assert.Equal(KeywordIndex.MaxCategoryFacets, facets.Categories.Count);
        Assert.Equal(Enumerable.Range(11, 20).Reverse().Select(c => new CategoryCount($"x.C{c:D2}", c)), facets.Categories);
    }

    [Fact]
    public void Facets_ReflectFiltersAndDeletes_AndAreAbsentUnlessAsked()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Agents", categories: ["cs.AI", "cs.RO"], published: "2024-05-01"),
            Paper(2, "Agents", categories: ["cs.AI"], published: "2025-05-01"),
            Paper(3, "Agents", categories: ["cs.MA"], published: "2025-06-01"));
        t.Index.Delete([3]);

        Assert.Null(t.Search("agents").Facets);
        var facets = t.Search("agents year:2025", facets: true).Facets!;
        Assert.Equal([new CategoryCount("cs.AI", 1)], facets.Categories);
        Assert.Equal([new YearCount(2025, 1)], facets.Years);
    }

    [Fact]
    public void Facets_OfAnEmptyQuery_CoverTheWholeIndex()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "A", categories: ["cs.CL"], published: "2024-01-01"),
            Paper(2, "B", categories: ["cs.CL", "cs.AI"], published: "2025-01-01"));
        var results = t.Search("", limit: 10, facets: true);
        Assert.Equal(2, results.TotalHits);
        Assert.Equal([new CategoryCount("cs.CL", 2), new CategoryCount("cs.AI", 1)], results.Facets!.Categories);
    }
}
