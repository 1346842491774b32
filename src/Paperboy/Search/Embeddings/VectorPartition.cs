using System.Numerics.Tensors;

namespace Paperboy.Search.Embeddings;

/// <summary>
/// When <see cref="VectorIndex"/> answers from part of its vectors instead of all of them. At a million papers an
/// exact scan reads 400 MB per search (tens of milliseconds on two cores); the vectors are grouped around
/// <c>√n / 4</c> centres (250 at a million) and a search reads only the groups whose centres are nearest the
/// query: a fraction <see cref="ProbeShare"/> of them, at least <see cref="MinimumProbe"/>.
/// </summary>
public sealed record ApproximateSearch
{
    /// <summary>Below this many vectors every search is exact: the scan takes a few milliseconds.</summary>
    public int Minimum { get; init; } = 100_000;

    /// <summary>
    /// The share of groups a search reads. A quarter finds about 92% of the exact top 10 on real embeddings, an
    /// eighth 84% (bench/results, the real listing's 75k titles): the papers missed are the next nearest ones.
    /// </summary>
    public double ProbeShare { get; init; } = 1.0 / 4;

    public int MinimumProbe { get; init; } = 8;

    public static int ListsFor(int count) => Math.Clamp((int)Math.Sqrt(count) / 4, 8, 256);
}

/// <summary>
/// The groups of an approximate <see cref="VectorIndex"/>: centres learnt by k-means on a sample of the vectors
/// (directions, as the vectors are), and which slot of the index is in which group. It only ever holds slots;
/// the index calls it under its own lock, so it has none.
/// </summary>
internal sealed class VectorPartition
{
    private readonly int _dimensions;
    private readonly sbyte[] _centres;
    private readonly float[] _centreScales;
    private int[][] _members;
    private int[] _sizes;
    // Per slot: its group and where it sits in that group's member array.
    private int[] _groupOf = [], _position = [];

    private VectorPartition(int dimensions, float[][] centres)
    {
        _dimensions = dimensions;
        _centres = new sbyte[centres.Length * dimensions];
        _centreScales = new float[centres.Length];
        for (var c = 0; c < centres.Length; c++)
            _centreScales[c] = Int8Vector.Quantize(centres[c], _centres.AsSpan(c * dimensions, dimensions));
        _members = Enumerable.Range(0, centres.Length).Select(_ => new int[16]).ToArray();
        _sizes = new int[centres.Length];
    }

    public int Groups => _sizes.Length;

    /// <summary>The number of vectors when it was trained: once the index has doubled, new centres are due.</summary>
    public int TrainedOn { get; private init; }

    public long MemoryBytes => _centres.Length + _centreScales.Length * 4L + _members.Sum(m => (long)m.Length * 4) + (_groupOf.Length + _position.Length) * 4L;

    /// <summary>
    /// Spherical k-means over <paramref name="sample"/> (unit vectors): each centre is the normalised mean of the
    /// vectors nearest it. A fixed number of rounds: the groups only need to be good, not converged.
    /// </summary>
    public static VectorPartition Train(IReadOnlyList<float[]> sample, int groups, int trainedOn, int seed)
    {
        const int Rounds = 8;
        var dimensions = sample[0].Length;
        var random = new Random(seed);
        var centres = sample.OrderBy(_ => random.Next()).Take(groups).Select(v => (float[])v.Clone()).ToArray();
        var nearest = new int[sample.Count];
        for (var round = 0; round < Rounds; round++)
        {
            Parallel.For(0, sample.Count, i => nearest[i] = Nearest(centres, sample[i]));
            var sums = centres.Select(_ => new float[dimensions]).ToArray();
            var counts = new int[centres.Length];
            for (var i = 0; i < sample.Count; i++)
            {
                TensorPrimitives.Add(sums[nearest[i]], sample[i], sums[nearest[i]]);
                counts[nearest[i]]++;
            }
            for (var c = 0; c < centres.Length; c++)
            {
                // An empty group starts again from a random vector rather than staying useless.
                var sum = counts[c] > 0 ? sums[c] : (float[])sample[random.Next(sample.Count)].Clone();
                var norm = TensorPrimitives.Norm(sum);
                if (norm > 0) TensorPrimitives.Divide(sum, norm, sum);
                centres[c] = sum;
            }
        }
        return new VectorPartition(dimensions, centres) { TrainedOn = trainedOn };
    }

    private static int Nearest(float[][] centres, float[] vector)
    {
        var best = 0;
        var bestScore = float.NegativeInfinity;
        for (var c = 0; c < centres.Length; c++)
        {
            var score = TensorPrimitives.Dot(centres[c], vector);
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    /// <summary>The group whose centre is nearest a vector given as 16-bit components (see <see cref="VectorIndex"/>).</summary>
    public int Nearest(ReadOnlySpan<short> vector)
    {
        var best = 0;
        var bestScore = float.NegativeInfinity;
        for (var c = 0; c < _sizes.Length; c++)
        {
            var score = VectorIndex.Dot(vector, _centres.AsSpan(c * _dimensions, _dimensions)) * _centreScales[c];
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    /// <summary>The <paramref name="count"/> groups nearest the query, nearest first.</summary>
    public int[] NearestGroups(ReadOnlySpan<short> query, int count)
    {
        var scores = new float[_sizes.Length];
        for (var c = 0; c < scores.Length; c++)
            scores[c] = VectorIndex.Dot(query, _centres.AsSpan(c * _dimensions, _dimensions)) * _centreScales[c];
        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(scores, order);
        return order.Reverse().Take(count).ToArray();
    }

    public ReadOnlySpan<int> Members(int group) => _members[group].AsSpan(0, _sizes[group]);

    public int Size(int group) => _sizes[group];

    /// <summary>Puts <paramref name="slot"/> into <paramref name="group"/>; the slot must be in no group.</summary>
    public void Add(int slot, int group)
    {
        if (_sizes[group] == _members[group].Length) Array.Resize(ref _members[group], _members[group].Length * 2);
        _members[group][_sizes[group]] = slot;
        Place(slot, group, _sizes[group]++);
    }

    /// <summary>Takes <paramref name="slot"/> out of its group (the group's last member takes its place there).</summary>
    public void Remove(int slot)
    {
        var group = _groupOf[slot];
        var at = _position[slot];
        var last = _members[group][--_sizes[group]];
        _members[group][at] = last;
        _position[last] = at;
    }

    /// <summary>The vector in slot <paramref name="from"/> now lives in slot <paramref name="to"/> (which is in no group).</summary>
    public void Move(int from, int to)
    {
        var group = _groupOf[from];
        var at = _position[from];
        _members[group][at] = to;
        Place(to, group, at);
    }

    private void Place(int slot, int group, int position)
    {
        if (slot >= _groupOf.Length)
        {
            var length = Math.Max(slot + 1, _groupOf.Length * 2);
            Array.Resize(ref _groupOf, length);
            Array.Resize(ref _position, length);
        }
        _groupOf[slot] = group;
        _position[slot] = position;
    }
}
