using static Paperboy.Tests.Search.KeywordTestIndex;

namespace Paperboy.Tests.Search;

/// <summary>What a query finds and in which order: ranking, the filters of the query syntax, ids, paging.</summary>
public class KeywordSearchTests
{
    private const string Filler = "We study the problem in depth, report experiments on standard benchmarks and release our data.";

    [Fact]
    public void TitleMatch_OutranksAbstractOnlyMatch()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Efficient long document models", $"{Filler} The approach relies on a transformer encoder."),
            Paper(2, "Sparse transformer for long documents", $"{Filler} The approach relies on a recurrent encoder."),
            Paper(3, "Convolutional image models", Filler));
        Assert.Equal([2L, 1L], t.Ids("transformer"));
    }

    [Fact]
    public void MoreQueryWordsMatched_RanksHigher()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Graph methods", Filler),
            Paper(2, "Graph neural networks for molecules", Filler),
            Paper(3, "Neural methods", Filler));
        Assert.Equal(2L, t.Ids("graph neural networks")[0]);
    }

    [Fact]
    public void Stemming_MatchesOtherFormsOfAWord()
    {
        using var t = new KeywordTestIndex(Paper(1, "Training networks with noisy labels"), Paper(2, "Image segmentation"));
        Assert.Equal([1L], t.Ids("trained network"));
    }

    [Fact]
    public void Phrase_MustAppearInOrder()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Neural machine translation"),
            Paper(2, "Machine learning for neural data"),
            Paper(3, "Translation of neural machine code", "Neural machine translation appears here."));
        Assert.Equal([1L, 3L], t.Ids("\"neural machine translation\"").Order());
    }

    [Fact]
    public void PhraseAndWords_PhraseRequiredWordsRank()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Neural machine translation", "Low resource languages."),
            Paper(2, "Neural machine translation", "High resource languages."),
            Paper(3, "Low resource speech recognition"));
        Assert.Equal([1L, 2L], t.Ids("\"machine translation\" low"));
    }

    [Fact]
    public void PlainWords_MatchAuthors()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Capsule networks", authors: ["Geoffrey Hinton", "Sara Sabour"]),
            Paper(2, "Capsule endoscopy", authors: ["Ann Other"]));
        Assert.Equal([1L], t.Ids("hinton"));
        Assert.Equal(1L, t.Ids("capsule hinton")[0]);
    }

    [Fact]
    public void AuthorFilter_MatchesPartOfANameButNotAcrossTwoAuthors()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Deep learning", authors: ["Geoffrey Smith", "John Hinton"]),
            Paper(2, "Deep learning", authors: ["Geoffrey Hinton"]),
            Paper(3, "Deep learning", authors: ["Jürgen Schmidhuber"]));

        Assert.Equal([1L, 2L], t.Ids("deep author:hinton").Order());
        Assert.Equal([2L], t.Ids("deep author:\"Geoffrey Hinton\""));
        Assert.Empty(t.Ids("deep author:\"Smith John\""));
        Assert.Equal([3L], t.Ids("author:\"jurgen schmidhuber\""));
        // Several author filters are co-authors: each names one of the paper's authors.
        Assert.Equal([1L], t.Ids("author:smith author:hinton"));
    }

    [Fact]
    public void CategoryFilter_ExactOrWholeArchive_AndSeveralMeanAny()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Language models", categories: ["cs.CL", "cs.LG"]),
            Paper(2, "Language models", categories: ["cs.CV"]),
            Paper(3, "Language models", categories: ["stat.ML"]),
            Paper(4, "Language models", categories: ["csx.ZZ"]));

        Assert.Equal([1L], t.Ids("language category:cs.CL"));
        Assert.Equal([1L], t.Ids("language category:cs.cl"));
        Assert.Equal([1L, 2L], t.Ids("language category:cs").Order());
        Assert.Equal([2L, 3L], t.Ids("category:cs.CV category:stat.ML").Order());
        Assert.Empty(t.Ids("language category:math"));
    }

    [Fact]
    public void DateFilters_YearsAndDaysInclusive_OpenEnds_AndUndatedPapersExcluded()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Diffusion", published: "2019-12-31"),
            Paper(2, "Diffusion", published: "2020-01-01"),
            Paper(3, "Diffusion", published: "2023-06-15"),
            Paper(4, "Diffusion", published: "2025-03-31"),
            Paper(5, "Diffusion"));

        Assert.Equal([2L], t.Ids("diffusion year:2020"));
        Assert.Equal([2L, 3L], t.Ids("diffusion year:2020..2023").Order());
        Assert.Equal([3L, 4L], t.Ids("diffusion year:2021..").Order());
        Assert.Equal([1L, 2L], t.Ids("diffusion year:..2020").Order());
        Assert.Equal([4L], t.Ids("diffusion date:2025-01-01..2025-03-31"));
        Assert.Equal([3L], t.Ids("diffusion date:2023-06"));
        Assert.Empty(t.Ids("diffusion year:2020 year:2023"));
    }

    [Fact]
    public void HasCode_KeepsOnlyPapersWithCode()
    {
        using var t = new KeywordTestIndex(Paper(1, "Agents", hasCode: true), Paper(2, "Agents"));
        Assert.Equal([1L], t.Ids("agents has:code"));
    }

    [Fact]
    public void Filters_Combine()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Agents", authors: ["Ada Lovelace"], categories: ["cs.AI"], published: "2025-02-01", hasCode: true),
            Paper(2, "Agents", authors: ["Ada Lovelace"], categories: ["cs.AI"], published: "2024-02-01", hasCode: true),
            Paper(3, "Agents", authors: ["Ada Lovelace"], categories: ["cs.RO"], published: "2025-02-01", hasCode: true),
            Paper(4, "Agents", authors: ["Ada Lovelace"], categories: ["cs.AI"], published: "2025-02-01"));
        Assert.Equal([1L], t.Ids("agents author:lovelace category:cs.AI year:2025 has:code"));
    }

    [Fact]
    public void FiltersWithoutText_ListNewestFirst()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "A", categories: ["cs.CL"], published: "2025-01-02"),
            Paper(2, "B", categories: ["cs.CL"], published: "2025-03-01"),
            Paper(3, "C", categories: ["cs.CV"], published: "2025-04-01"),
            Paper(4, "D", categories: ["cs.CL"], published: "2024-12-01"));
        var results = t.Search("category:cs.CL");
        Assert.Equal([2L, 1L, 4L], results.Hits.Select(h => h.PaperId));
        Assert.Equal(3, results.TotalHits);
        Assert.All(results.Hits, h => Assert.Equal(0, h.Score));
    }

    [Theory]
    [InlineData("2501.00042")]
    [InlineData("arXiv:2501.00042v2")]
    [InlineData("https://arxiv.org/abs/2501.00042")]
    public void ArxivId_FindsThatPaperFirst(string query)
    {
        using var t = new KeywordTestIndex(Paper(41, "Retrieval 2501.00042 mention"), Paper(42, "Quantum error correction"), Paper(43, "Retrieval"));
        var hits = t.Search(query).Hits;
        Assert.Equal(42L, hits[0].PaperId);
        Assert.Equal("2501.00042", hits[0].ArxivId);
    }

    [Fact]
    public void ArxivId_OldStyle_AndNextToWordsStillFirst()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "String theory dualities", arxivId: "hep-th/9901001"),
            Paper(2, "String theory landscape", "String theory string theory."));
        Assert.Equal([1L], t.Ids("hep-th/9901001"));
        Assert.Equal(1L, t.Ids("string theory hep-th/9901001")[0]);
    }

    [Fact]
    public void Paging_OffsetAndLimit_OverTheSameTotal()
    {
        using var t = new KeywordTestIndex(Enumerable.Range(1, 25).Select(i => Paper(i, $"Robot {new string('x', i)}")).ToArray());
        var all = t.Search("robot", limit: 25).Hits.Select(h => h.PaperId).ToList();
        var page2 = t.Search("robot", limit: 10, offset: 10);

        Assert.Equal(25, page2.TotalHits);
        Assert.Equal(all.Skip(10).Take(10), page2.Hits.Select(h => h.PaperId));
        Assert.Empty(t.Search("robot", limit: 10, offset: 30).Hits);
        Assert.Empty(t.Search("robot", limit: 0).Hits);
        Assert.Equal(25, t.Search("robot", limit: 0).TotalHits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"\"")]
    [InlineData("the of and")]
    [InlineData("\"to be\"")]
    [InlineData("foo:bar year:3000..1 category:!!")]
    public void OddQueries_NeverThrow(string query)
    {
        using var t = new KeywordTestIndex(Paper(1, "To be or not to be", published: "2025-01-01"));
        var results = t.Search(query, facets: true);
        Assert.True(results.TotalHits >= 0);
    }

    [Fact]
    public void HugeAndJunkQueries_NeverThrow()
    {
        using var t = new KeywordTestIndex(Paper(1, "Transformers", "Attention."));
        var random = new Random(3);
        var junk = new string(Enumerable.Range(0, 10_240).Select(_ => (char)random.Next(0, 0xFFFF)).ToArray());
        t.Search(junk, facets: true);
        Assert.Equal([1L], t.Ids(string.Concat(Enumerable.Repeat("transformers attention ", 500))));
    }
}
