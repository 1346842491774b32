using System.Numerics.Tensors;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search;

/// <summary>
/// The grouped (approximate) search of <see cref="VectorIndex"/>: what it loses against the exact scan on
/// clustered vectors, and that every write keeps each vector in exactly one group, so that reading every group
/// gives the exact answer.
/// </summary>
public class ApproximateVectorTests
{
    private const int Dimensions = 384;

    // Vectors gather around random centres, as embeddings of papers on a few hundred topics do.
    private static List<float[]> Clustered(int count, int centres, int seed)
    {
        var random = new Random(seed);
        var middles = Enumerable.Range(0, centres).Select(_ => Unit(random, null, 0)).ToArray();
        return Enumerable.Range(0, count).Select(_ => Unit(random, middles[random.Next(centres)], 0.7f)).ToList();
    }

    private static float[] Unit(Random random, float[]? centre, float spread)
    {
        var v = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++) v[i] = (random.NextSingle() * 2 - 1) * (centre is null ? 1 : spread / MathF.Sqrt(Dimensions)) + (centre?[i] ?? 0);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    // The grouping starts when a write leaves the index at the minimum or more: here at the end of the one UpsertMany.
    private static VectorIndex Grouped(IReadOnlyList<float[]> vectors, ApproximateSearch settings)
    {
        var index = new VectorIndex(Dimensions, settings with { Minimum = 1_000 });
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        index.Grouping!.Wait(TestContext.Current.CancellationToken);
        return index;
    }

    private static readonly ApproximateSearch Everything = new() { ProbeShare = 1 };

    private static double Recall(IReadOnlyList<VectorHit> exact, IReadOnlyList<VectorHit> approximate) =>
        exact.Count == 0 ? 1 : (double)exact.Select(h => h.PaperId).Intersect(approximate.Select(h => h.PaperId)).Count() / exact.Count;

    [Fact]
    public async Task GroupedSearch_OnClusteredVectors_FindsNearlyAllOfTheExactTop10()
    {
        var vectors = Clustered(20_000, centres: 300, seed: 1);
        using var index = new VectorIndex(Dimensions, new ApproximateSearch { Minimum = 10_000 });
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        await index.Grouping!;

        var random = new Random(2);
        var recalls = new List<double>();
        for (var q = 0; q < 100; q++)
        {
            var query = Unit(random, vectors[random.Next(vectors.Count)], 0.5f);
            recalls.Add(Recall(index.Search(query, 10, exact: true), index.Search(query, 10)));
        }
        Assert.InRange(recalls.Average(), 0.9, 1.0);
    }

    [Fact]
    public void GroupedSearch_ReadingOneGroup_MissesNeighboursTheExactScanFinds()
    {
        // The grouping really is what answers: with one group read, random queries lose some of their exact top 10.
        var vectors = Clustered(20_000, centres: 300, seed: 3);
        using var index = Grouped(vectors, new ApproximateSearch { ProbeShare = 0, MinimumProbe = 1 });
        var random = new Random(4);
        var recalls = Enumerable.Range(0, 50).Select(_ => Unit(random, null, 0))
            .Select(q => Recall(index.Search(q, 10, exact: true), index.Search(q, 10))).ToList();
        Assert.True(recalls.Average() < 0.9, $"recall {recalls.Average():F2} with one group of {index.Groups}");
    }

    [Fact]
    public void Writes_AfterGrouping_KeepEveryVectorInExactlyOneGroup()
    {
        var vectors = Clustered(6_000, centres: 50, seed: 5);
        using var index = Grouped(vectors, Everything);
        var live = vectors.Select((v, i) => (Id: (long)i, Vector: v)).ToDictionary(p => p.Id, p => p.Vector);
        var random = new Random(6);
        for (var round = 0; round < 3_000; round++)
        {
            var id = (long)random.Next(8_000);
            switch (round % 3)
            {
                case 0:
                    index.Remove(id);
                    live.Remove(id);
                    break;
                default:
                    var vector = Unit(random, null, 0); // a new place: the vector may change group
                    index.Upsert(id, vector);
                    live[id] = vector;
                    break;
            }
        }
        AssertEveryVectorInOneGroup(index, live, new Random(7));
        for (var q = 0; q < 30; q++)
        {
            var query = Unit(random, null, 0);
            Assert.Equal(index.Search(query, 50, exact: true).Select(h => (h.PaperId, h.Score)), index.Search(query, 50).Select(h => (h.PaperId, h.Score)));
        }
    }

    [Fact]
    public async Task Writes_DuringGrouping_AreInTheGroupsWhenItEnds()
    {
        var vectors = Clustered(30_000, centres: 100, seed: 8);
        // One group read per search: a vector written during the build is found only if it ends in its own group.
        using var index = new VectorIndex(Dimensions, new ApproximateSearch { Minimum = 1_000, ProbeShare = 0, MinimumProbe = 1 });
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        var live = vectors.Select((v, i) => (Id: (long)i, Vector: v)).ToDictionary(p => p.Id, p => p.Vector);
        var moved = new HashSet<long>();
        var building = index.Grouping!;
        var random = new Random(9);
        var writes = 0;
        while (!building.IsCompleted || writes < 500)
        {
            var id = (long)random.Next(32_000);
            if (writes++ % 4 == 0)
            {
                index.Remove(id);
                live.Remove(id);
            }
            else
            {
                var vector = Unit(random, null, 0);
                index.Upsert(id, vector);
                live[id] = vector;
                moved.Add(id);
            }
        }
        await building;
        Assert.Same(building, index.Grouping); // writes during a build do not start another
        AssertEveryVectorInOneGroup(index, live, new Random(10));
        foreach (var id in moved.Where(live.ContainsKey))
            Assert.Equal(id, index.Search(live[id], 1).Single().PaperId);
    }

    [Fact]
    public void Upsert_AfterGrouping_MovesTheVectorToTheGroupOfItsNewPlace()
    {
        var vectors = Clustered(20_000, centres: 300, seed: 11);
        using var index = Grouped(vectors, new ApproximateSearch { ProbeShare = 0, MinimumProbe = 1 });
        var random = new Random(12);
        for (var i = 0; i < 20; i++)
        {
            // Paper i moves next to another paper far away; a search reading one group near there finds it.
            var there = vectors[random.Next(vectors.Count)];
            index.Upsert(i, there);
            Assert.Contains(index.Search(there, 5), h => h.PaperId == i);
        }
    }

    [Fact]
    public async Task Grouping_StartsWhenTheIndexReachesTheMinimum_AndAgainWhenItDoubles()
    {
        var vectors = Clustered(9_000, centres: 50, seed: 13);
        using var index = new VectorIndex(Dimensions, new ApproximateSearch { Minimum = 2_000 });
        index.UpsertMany(vectors.Take(1_999).Select((v, i) => ((long)i, v)));
        Assert.Null(index.Grouping);

        index.Upsert(1_999, vectors[1_999]);
        var first = index.Grouping;
        Assert.NotNull(first);
        await first;
        index.UpsertMany(vectors.Skip(2_000).Take(1_000).Select((v, i) => (2_000L + i, v)));
        Assert.Same(first, index.Grouping); // 3,000 is not yet twice 2,000

        index.UpsertMany(vectors.Skip(3_000).Select((v, i) => (3_000L + i, v)));
        Assert.NotSame(first, index.Grouping);
        await index.Grouping!;
        Assert.Equal(ApproximateSearch.ListsFor(9_000), index.Groups);
    }

    [Fact]
    public async Task Dispose_DuringGrouping_StopsItWithoutAnError()
    {
        var index = new VectorIndex(Dimensions, new ApproximateSearch { Minimum = 1_000 });
        index.UpsertMany(Clustered(30_000, centres: 100, seed: 14).Select((v, i) => ((long)i, v)));
        var grouping = index.Grouping!;
        index.Dispose(); // the server stopping while its vectors are being grouped
        await grouping;
        Assert.True(grouping.IsCompletedSuccessfully);
    }

    /// <summary>
    /// A search as deep as the index reads every group (it reads groups until it has 4k vectors): it must give the
    /// exact scan's answer, every live paper once, none removed, each with its current vector's score.
    /// </summary>
    private static void AssertEveryVectorInOneGroup(VectorIndex index, Dictionary<long, float[]> live, Random random)
    {
        Assert.Equal(live.Count, index.Count);
        Assert.True(index.Groups > 0);
        var query = Unit(random, null, 0);
        var all = index.Search(query, live.Count + 10);
        Assert.Equal(live.Keys.Order(), all.Select(h => h.PaperId).Order());
        Assert.Equal(index.Search(query, live.Count + 10, exact: true).Select(h => (h.PaperId, h.Score)), all.Select(h => (h.PaperId, h.Score)));
        // The grouping moves vectors between slots: each paper must still find its own.
        foreach (var (id, vector) in live)
            Assert.True(TensorPrimitives.Dot(index.Get(id)!, vector) > 0.99f, $"paper {id} lost its vector");
    }
}
