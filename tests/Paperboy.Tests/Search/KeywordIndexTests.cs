using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Paperboy.Search.Keyword;
using static Paperboy.Tests.Search.KeywordTestIndex;

namespace Paperboy.Tests.Search;

/// <summary>The index's life: writes, deletes, commits and what survives a reopen.</summary>
public class KeywordIndexTests
{
    [Fact]
    public void PassingFilters_KeepsThePapersTheFiltersAccept_AsTheyAreNow()
    {
        using var t = new KeywordTestIndex(
            Paper(1, "Graph networks", categories: ["cs.LG"], published: "2024-03-01"),
            Paper(2, "Graph kernels", categories: ["math.CO"], published: "2024-03-01"),
            Paper(3, "Graph signals", categories: ["cs.LG", "eess.SP"], published: "2021-06-01"),
            Paper(4, "Graph drawing", categories: ["cs.LG"], published: "2024-05-01"));
        t.Index.Commit(1);
        // A later segment changes paper 4's category and deletes paper 1: only the papers as they are now count.
        t.Index.Upsert([Paper(4, "Graph drawing", categories: ["cs.CG"], published: "2024-05-01")]);
        t.Index.Delete([1]);

        Assert.Equal([3L], t.Index.PassingFilters(Paperboy.Search.SearchQuery.Parse("category:cs.LG"), [1, 2, 3, 4, 99]).Order());
        Assert.Equal([2L, 4L], t.Index.PassingFilters(Paperboy.Search.SearchQuery.Parse("year:2024"), [1, 2, 3, 4]).Order());
        Assert.Equal([1L, 2L], t.Index.PassingFilters(Paperboy.Search.SearchQuery.Parse("graph"), [1, 2]).Order()); // no filter: all pass
    }

    [Fact]
    public void Upsert_IsSearchableBeforeAnyCommit()
    {
        using var t = new KeywordTestIndex(Paper(1, "Sparse mixture of experts"));
        Assert.Equal([1L], t.Ids("experts"));
        Assert.Equal(1, t.Index.Count);
    }

    [Fact]
    public void Upsert_SamePaperAgain_ReplacesIt()
    {
        using var t = new KeywordTestIndex(Paper(1, "Sparse mixture of experts"));
        t.Index.Upsert([Paper(1, "Dense retrieval for open-domain questions")]);

        Assert.Equal(1, t.Index.Count);
        Assert.Empty(t.Ids("experts"));
        Assert.Equal([1L], t.Ids("retrieval"));
    }

    [Fact]
    public void Delete_RemovesOnlyThosePapers_AndIgnoresUnknownIds()
    {
        using var t = new KeywordTestIndex(Paper(1, "Protein folding"), Paper(2, "Protein design"), Paper(3, "Protein docking"));
        t.Index.Delete([2, 99]);

        Assert.Equal([1L, 3L], t.Ids("protein").Order());
        Assert.Equal(2, t.Index.Count);
    }

    [Fact]
    public void DeleteAll_EmptiesTheIndex()
    {
        using var t = new KeywordTestIndex(Paper(1, "Protein folding"), Paper(2, "Protein design"));
        t.Index.DeleteAll();
        Assert.Equal(0, t.Index.Count);
        Assert.Empty(t.Ids("protein"));
    }

    [Fact]
    public void NewIndex_HasCommittedChangeNumberZero()
    {
        using var t = new KeywordTestIndex();
        Assert.Equal(0, t.Index.CommittedChangeNumber);
    }

    [Fact]
    public void Commit_ChangeNumberAndPapersSurviveReopen()
    {
        using var t = new KeywordTestIndex(Paper(1, "Protein folding"));
        t.Index.Commit(41);
        t.Index.Upsert([Paper(2, "Protein design")]);
        t.Index.Commit(42);

        var reopened = t.Reopen();

        Assert.Equal(42, reopened.CommittedChangeNumber);
        Assert.Equal([1L, 2L], t.Ids("protein").Order());
    }

    [Fact]
    public void Dispose_DropsWhatWasNotCommitted()
    {
        using var t = new KeywordTestIndex(Paper(1, "Protein folding"));
        t.Index.Commit(7);
        t.Index.Upsert([Paper(2, "Protein design")]);
        t.Index.Delete([1]);

        var reopened = t.Reopen();

        Assert.Equal(7, reopened.CommittedChangeNumber);
        Assert.Equal([1L], t.Ids("protein"));
    }

    [Fact]
    public void DeleteAll_ThenCommit_RebuildsFromAnEmptyIndex()
    {
        using var t = new KeywordTestIndex(Paper(1, "Protein folding"));
        t.Index.Commit(10);
        t.Index.DeleteAll();
        t.Index.Upsert([Paper(2, "Protein design")]);
        t.Index.Commit(3);

        var reopened = t.Reopen();

        Assert.Equal(3, reopened.CommittedChangeNumber);
        Assert.Equal([2L], t.Ids("protein"));
    }

    [Fact]
    public void SecondInstanceOnTheSameFolder_FailsToOpen()
    {
        using var t = new KeywordTestIndex();
        Assert.Throws<LockObtainFailedException>(() => new KeywordIndex(t.Folder));
    }

    [Fact]
    public void Search_AfterDispose_Throws()
    {
        var t = new KeywordTestIndex();
        t.Index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.Index.Count);
        System.IO.Directory.Delete(t.Folder, recursive: true);
    }

    [Fact]
    public async Task ConcurrentWritersAndReaders_SeeEveryWriteThatReturned()
    {
        using var t = new KeywordTestIndex();
        var ct = TestContext.Current.CancellationToken;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                var id = w * 1000 + i;
                t.Index.Upsert([Paper(id, $"Graph paper number {id}")]);
                // What this thread wrote is visible to its next search, whatever the other threads are doing.
                Assert.Contains(t.Search("graph", limit: 1000).Hits, h => h.PaperId == id);
            }
        }, ct));
        await Task.WhenAll(writers);
        Assert.Equal(200, t.Index.Count);
        Assert.Equal(200, t.Search("graph").TotalHits);
    }

    [Fact]
    public void Similarity_IsBm25WithTheConfiguredParameters()
    {
        using var t = new KeywordTestIndex();
        var bm25 = Assert.IsAssignableFrom<BM25Similarity>(t.Index.Similarity);
        Assert.Equal(t.Index.Options.K1, bm25.K1);
        Assert.Equal(t.Index.Options.B, bm25.B);
    }

    [Fact]
    public void Scores_FollowTheBm25Formula()
    {
        // Three abstracts of four words each, so every document is exactly of average length; "alpha" is in two.
        using var t = new KeywordTestIndex(
            Paper(1, "", "alpha beta gamma delta"),
            Paper(2, "", "alpha alpha beta gamma"),
            Paper(3, "", "beta gamma delta epsilon"));
        var hits = t.Search("alpha").Hits.ToDictionary(h => h.PaperId, h => (double)h.Score);
        var k1 = t.Index.Options.K1;

        // BM25: idf = ln(1 + (N - n + 0.5) / (n + 0.5)); tf part = f (k1 + 1) / (f + k1) at average length.
        // TF-IDF (Lucene's default) would give 1 + ln(3 / 3) for idf and sqrt(f) for tf instead.
        var idf = Math.Log(1 + (3 - 2 + 0.5) / (2 + 0.5));
        Assert.Equal(idf, hits[1], 4);
        Assert.Equal(idf * 2 * (k1 + 1) / (2 + k1), hits[2], 4);
        Assert.Equal(2, hits.Count);
    }
}
