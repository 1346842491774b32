using System.Numerics.Tensors;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search;

public class VectorIndexTests
{
    private const int Dimensions = 384;

    private static float[] Unit(Random random)
    {
        var v = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++) v[i] = random.NextSingle() * 2 - 1;
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private static List<float[]> Vectors(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Unit(random)).ToList();
    }

    private static VectorIndex Index(IReadOnlyList<float[]> vectors)
    {
        var index = new VectorIndex();
        index.UpsertMany(vectors.Select((v, i) => ((long)i, v)));
        return index;
    }

    /// <summary>
    /// The index's top k must be the float top k, except where int8 rounding can swap neighbours: a paper the
    /// index left out may only be one whose float score is within <paramref name="tolerance"/> of the k-th.
    /// </summary>
    private static void AssertSameTopK(IReadOnlyList<float[]> vectors, float[] query, IReadOnlyList<VectorHit> hits, int k, float tolerance = 0.01f, long? exclude = null)
    {
        var exact = vectors.Select((v, i) => (Id: (long)i, Score: TensorPrimitives.Dot(v, query)))
            .Where(s => s.Id != exclude).OrderByDescending(s => s.Score).ToList();
        Assert.Equal(k, hits.Count);
        var kth = exact[k - 1].Score;
        foreach (var missing in exact.Take(k).Select(s => s.Id).Except(hits.Select(h => h.PaperId)))
            Assert.True(exact.First(s => s.Id == missing).Score - kth < tolerance, $"paper {missing} belongs in the top {k} and is missing");
        foreach (var hit in hits)
        {
            var score = exact.First(s => s.Id == hit.PaperId).Score;
            Assert.True(kth - score < tolerance, $"paper {hit.PaperId} ({score}) is well below the {k}th score {kth}");
            Assert.InRange(hit.Score, score - tolerance, score + tolerance);
        }
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.PaperId), hits.Select(h => h.PaperId));
    }

    [Fact]
    public void Search_RandomVectors_MatchesBruteForceOnFloats()
    {
        var vectors = Vectors(5_000, seed: 1);
        using var index = Index(vectors);
        var random = new Random(2);
        for (var q = 0; q < 20; q++)
        {
            var query = Unit(random);
            AssertSameTopK(vectors, query, index.Search(query, 10), 10);
        }
    }

    [Fact]
    public void Search_IndexLargeEnoughToSplitAcrossCores_MatchesBruteForce()
    {
        // Above 32,768 vectors per core the scan is split; the merge must still give the global top k.
        var vectors = Vectors(70_000, seed: 3);
        using var index = Index(vectors);
        var query = vectors[12_345].ToArray();
        var hits = index.Search(query, 25);
        AssertSameTopK(vectors, query, hits, 25);
        Assert.Equal(12_345, hits[0].PaperId);
    }

    [Fact]
    public void Search_QueryEqualToStoredVector_FindsItWithScoreNearOne()
    {
        var vectors = Vectors(1_000, seed: 4);
        using var index = Index(vectors);
        var hit = Assert.Single(index.Search(vectors[42], 1));
        Assert.Equal(42, hit.PaperId);
        Assert.InRange(hit.Score, 0.99f, 1.01f);
    }

    [Fact]
    public void Upsert_ExistingPaper_ReplacesItsVector()
    {
        var vectors = Vectors(100, seed: 5);
        using var index = Index(vectors);
        var replacement = Unit(new Random(6));
        index.Upsert(7, replacement);

        Assert.Equal(100, index.Count);
        Assert.Equal(7, index.Search(replacement, 1)[0].PaperId);
        Assert.NotEqual(7, index.Search(vectors[7], 1)[0].PaperId);
        Assert.True(TensorPrimitives.CosineSimilarity(index.Get(7)!, replacement) > 0.999f);
    }

    [Fact]
    public void Remove_DropsThePaperAndKeepsEveryOtherVectorIntact()
    {
        var vectors = Vectors(40_000, seed: 8); // more than two blocks, so removals move vectors across blocks
        using var index = Index(vectors);
        long[] removed = [0, 17, 20_000, 39_999, 16_384, 39_998];
        foreach (var id in removed) Assert.True(index.Remove(id));
        Assert.False(index.Remove(17));
        Assert.False(index.Remove(123_456));

        Assert.Equal(40_000 - removed.Length, index.Count);
        foreach (var id in removed)
        {
            Assert.False(index.Contains(id));
            Assert.Null(index.Get(id));
            Assert.DoesNotContain(index.Search(vectors[(int)id], 5), h => h.PaperId == id);
        }
        for (var id = 0; id < vectors.Count; id += 97)
            if (!removed.Contains(id))
                Assert.True(TensorPrimitives.CosineSimilarity(index.Get(id)!, vectors[id]) > 0.999f, $"paper {id} changed");
        Assert.Equal(39_997, index.Search(vectors[39_997], 1)[0].PaperId);
    }

    [Fact]
    public void Similar_ReturnsNearestOtherPapers_WithoutThePaperItself()
    {
        var vectors = Vectors(3_000, seed: 9);
        using var index = Index(vectors);
        var hits = index.Similar(100, 10);

        Assert.DoesNotContain(hits, h => h.PaperId == 100);
        AssertSameTopK(vectors, vectors[100], hits, 10, exclude: 100);
        Assert.Empty(index.Similar(999_999, 10));
    }

    [Fact]
    public void Search_WithFilter_ReturnsOnlyIncludedPapers()
    {
        var vectors = Vectors(2_000, seed: 10);
        using var index = Index(vectors);
        var hits = index.Search(vectors[3], 10, id => id % 2 == 0);

        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.Equal(0, h.PaperId % 2));
        Assert.DoesNotContain(hits, h => h.PaperId == 3);
    }

    [Fact]
    public void Search_EmptyIndexOrZeroK_ReturnsNothing()
    {
        using var index = new VectorIndex();
        var query = Unit(new Random(11));
        Assert.Empty(index.Search(query, 10));
        index.Upsert(1, query);
        Assert.Empty(index.Search(query, 0));
        Assert.Single(index.Search(query, 10));
    }

    [Fact]
    public void Upsert_WrongDimensions_Throws()
    {
        using var index = new VectorIndex();
        Assert.Throws<ArgumentException>(() => index.Upsert(1, new float[100]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[383], 10));
    }

    [Fact]
    public async Task ConcurrentSearches_DuringUpsertsAndRemovals_NeverThrowAndSeeWholeVectors()
    {
        var vectors = Vectors(20_000, seed: 12);
        using var index = Index(vectors);
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var writer = Task.Run(() =>
        {
            var random = new Random(13);
            for (var round = 0; round < 3_000; round++)
            {
                var id = random.Next(vectors.Count);
                if (round % 3 == 0) index.Remove(id);
                else index.Upsert(id, vectors[id]); // the same vector back: any hit must still score as its float
            }
        }, ct);
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(20 + r);
            var searches = 0;
            while (!writer.IsCompleted || searches < 10)
            {
                var q = random.Next(vectors.Count);
                foreach (var hit in index.Search(vectors[q], 5))
                    Assert.InRange(hit.Score, TensorPrimitives.Dot(vectors[(int)hit.PaperId], vectors[q]) - 0.01f, 1.01f);
                index.Similar(q, 5);
                searches++;
            }
            return searches;
        }, ct)).ToArray();

        await writer;
        var counts = await Task.WhenAll(readers);
        Assert.All(counts, c => Assert.True(c >= 10));
        Assert.InRange(index.Count, 1, vectors.Count);
    }

    [Fact]
    public void Codec_RoundTrip_Is389BytesAndWithinHalfAStep()
    {
        var vector = Unit(new Random(14));
        var bytes = VectorCodec.ToBytes(vector);
        var back = VectorCodec.FromBytes(bytes);

        Assert.Equal(389, bytes.Length);
        Assert.Equal(Dimensions, back.Length);
        var step = MathF.Abs(TensorPrimitives.MaxMagnitude(vector)) / 127;
        for (var i = 0; i < Dimensions; i++) Assert.InRange(back[i], vector[i] - step / 2 - 1e-6f, vector[i] + step / 2 + 1e-6f);
        Assert.True(TensorPrimitives.CosineSimilarity(vector, back) > 0.9999f);
    }

    [Fact]
    public void Codec_DecodedVectorLoadsIntoTheIndexExactlyAsTheOriginal()
    {
        var vector = Unit(new Random(15));
        using var a = new VectorIndex();
        using var b = new VectorIndex();
        a.Upsert(1, vector);
        b.Upsert(1, VectorCodec.FromBytes(VectorCodec.ToBytes(vector)));
        Assert.Equal(a.Get(1), b.Get(1));
    }

    [Fact]
    public void Codec_BytesNotWrittenByIt_Throw()
    {
        Assert.Throws<InvalidDataException>(() => VectorCodec.FromBytes([]));
        Assert.Throws<InvalidDataException>(() => VectorCodec.FromBytes([2, 0, 0, 0, 0, 1, 2]));
        Assert.Throws<InvalidDataException>(() => VectorCodec.FromBytes([1, 0, 0, 0xC0, 0x7F, 1])); // NaN scale
    }
}
