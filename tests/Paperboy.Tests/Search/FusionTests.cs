using Paperboy.Search;

namespace Paperboy.Tests.Search;

public class FusionTests
{
    private static List<long> List(params long[] ids) => [.. ids];

    [Fact]
    public void APaperHighInBothLists_BeatsOneAtTheTopOfOne_AndTiesGoToTheKeywordList()
    {
        var fused = SearchService.Fuse(List(1, 2, 3), List(3, 4), k: 60);

        Assert.Equal([3L, 1, 2, 4], fused.Select(h => h.PaperId));
        var top = fused[0];
        Assert.Equal((3, 1), (top.KeywordRank, top.VectorRank));
        Assert.Equal(1.0 / 63 + 1.0 / 61, top.Score, 12);
        Assert.Equal((2, (int?)null), (fused[2].KeywordRank, fused[2].VectorRank));
        Assert.Equal(((int?)null, 2), (fused[3].KeywordRank, fused[3].VectorRank));
    }

    [Fact]
    public void OneEmptyList_LeavesTheOtherInItsOrder()
    {
        Assert.Equal([5L, 6, 7], SearchService.Fuse([], List(5, 6, 7), 60).Select(h => h.PaperId));
        Assert.Equal([7L, 6], SearchService.Fuse(List(7, 6), [], 60).Select(h => h.PaperId));
        Assert.Empty(SearchService.Fuse([], [], 60));
    }

    [Fact]
    public void ASmallerK_WeighsTheTopRanksMore()
    {
        // Paper 1 tops the keyword list only; paper 2 is fourth in both. With k=60 agreement wins, with k=1 the top does.
        static int Place(List<SearchHit> hits, long id) => hits.FindIndex(h => h.PaperId == id);
        var keyword = List(1, 10, 11, 2);
        var vector = List(20, 21, 22, 2);
        var wide = SearchService.Fuse(keyword, vector, 60);
        var sharp = SearchService.Fuse(keyword, vector, 1);
        Assert.True(Place(wide, 2) < Place(wide, 1));
        Assert.True(Place(sharp, 1) < Place(sharp, 2));
    }
}
