using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Paperboy.Search.Embeddings;

/// <summary>A paper and its similarity to the query: about the cosine (dot product of unit vectors).</summary>
public readonly record struct VectorHit(long PaperId, float Score);

/// <summary>
/// Every paper's embedding in memory, for exact nearest-neighbour search: each query is compared with every
/// vector. Vectors are held as <see cref="Int8Vector"/> (384 bytes and a scale each: about 400 MB for a million
/// papers, including the id map), scanned with AVX2 on all cores; a top-10 over a million takes a few tens of
/// milliseconds (bench/results).
/// </summary>
/// <remarks>
/// <para>Thread-safe: any number of searches run together; an upsert or removal waits for the searches in
/// progress and holds back new ones for the microseconds it takes. Searches never see a half-written vector.</para>
/// <para>The index is derived: fill it at start-up from the vectors stored with the papers, then upsert each paper
/// the embedding worker finishes. Vectors must be L2-normalised and of <see cref="Dimensions"/> length.</para>
/// </remarks>
public sealed class VectorIndex : IDisposable
{
    // Vectors live in fixed-size blocks so the index grows without copying what it holds.
    private const int BlockShift = 14, BlockSize = 1 << BlockShift, BlockMask = BlockSize - 1;
    // Below this many vectors per core a scan is faster on one thread than the cost of handing it out.
    private const int VectorsPerWorker = 32_768;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _slots = new();
    private readonly List<Block> _blocks = [];
    private int _count;

    private sealed class Block(int dimensions)
    {
        public readonly sbyte[] Values = new sbyte[BlockSize * dimensions];
        public readonly float[] Scales = new float[BlockSize];
        public readonly long[] Ids = new long[BlockSize];
    }

    public VectorIndex(int dimensions = BertModel.Dimensions)
    {
        // The AVX2 kernel takes 32 components at a time.
        if (dimensions <= 0 || dimensions % 32 != 0) throw new ArgumentOutOfRangeException(nameof(dimensions), "Must be a positive multiple of 32.");
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public int Count
    {
        get { _lock.EnterReadLock(); try { return _count; } finally { _lock.ExitReadLock(); } }
    }

    /// <summary>About the bytes held: the blocks of vectors, scales and ids, and the id map at ~28 bytes an entry.</summary>
    public long MemoryBytes
    {
        get
        {
            _lock.EnterReadLock();
            try { return (long)_blocks.Count * BlockSize * (Dimensions + sizeof(float) + sizeof(long)) + _slots.Count * 28L; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Adds the paper's vector, or replaces it if the paper is already in the index.</summary>
    public void Upsert(long paperId, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions) throw new ArgumentException($"Expected {Dimensions} dimensions, got {vector.Length}.", nameof(vector));
        // Quantise outside the lock: readers wait only for the copy.
        Span<sbyte> values = stackalloc sbyte[Dimensions];
        var scale = Int8Vector.Quantize(vector, values);
        _lock.EnterWriteLock();
        try { Store(paperId, values, scale); }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Adds or replaces many vectors under one lock (the start-up load, a worker's batch).</summary>
    public void UpsertMany(IEnumerable<(long PaperId, float[] Vector)> vectors)
    {
        foreach (var chunk in vectors.Chunk(1024))
        {
            var quantised = chunk.Select(v =>
            {
                if (v.Vector.Length != Dimensions) throw new ArgumentException($"Paper {v.PaperId}: expected {Dimensions} dimensions, got {v.Vector.Length}.", nameof(vectors));
                var q = new sbyte[Dimensions];
                return (v.PaperId, q, Scale: Int8Vector.Quantize(v.Vector, q));
            }).ToArray();
            _lock.EnterWriteLock();
            try
            {
                foreach (var (id, q, scale) in quantised) Store(id, q, scale);
            }
            finally { _lock.ExitWriteLock(); }
        }
    }

    private void Store(long paperId, ReadOnlySpan<sbyte> values, float scale)
    {
        if (!_slots.TryGetValue(paperId, out var slot))
        {
            slot = _count++;
            if (slot >> BlockShift == _blocks.Count) _blocks.Add(new Block(Dimensions));
            _slots[paperId] = slot;
        }
        var block = _blocks[slot >> BlockShift];
        var offset = slot & BlockMask;
        values.CopyTo(block.Values.AsSpan(offset * Dimensions, Dimensions));
        block.Scales[offset] = scale;
        block.Ids[offset] = paperId;
    }

    /// <summary>Removes the paper's vector; false if it was not in the index.</summary>
    public bool Remove(long paperId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slots.Remove(paperId, out var slot)) return false;
            // The last vector moves into the hole, so a scan never has gaps to skip.
            var last = --_count;
            if (slot != last)
            {
                var from = _blocks[last >> BlockShift];
                var to = _blocks[slot >> BlockShift];
                int fromOffset = last & BlockMask, toOffset = slot & BlockMask;
                from.Values.AsSpan(fromOffset * Dimensions, Dimensions).CopyTo(to.Values.AsSpan(toOffset * Dimensions, Dimensions));
                to.Scales[toOffset] = from.Scales[fromOffset];
                to.Ids[toOffset] = from.Ids[fromOffset];
                _slots[to.Ids[toOffset]] = slot;
            }
            if ((_count & BlockMask) == 0 && _blocks.Count > (_count >> BlockShift) + 1) _blocks.RemoveAt(_blocks.Count - 1);
            return true;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public bool Contains(long paperId)
    {
        _lock.EnterReadLock();
        try { return _slots.ContainsKey(paperId); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>The paper's vector as the index holds it (dequantised), or null.</summary>
    public float[]? Get(long paperId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_slots.TryGetValue(paperId, out var slot)) return null;
            var block = _blocks[slot >> BlockShift];
            return Int8Vector.Dequantize(block.Values.AsSpan((slot & BlockMask) * Dimensions, Dimensions), block.Scales[slot & BlockMask]);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// Up to <paramref name="count"/> vectors picked at random (dequantised): what papers in general look like, the
    /// background a member's taste is learnt against. The same seed over the same index picks the same papers.
    /// </summary>
    public List<(long PaperId, float[] Vector)> Sample(int count, int seed)
    {
        _lock.EnterReadLock();
        try
        {
            var random = new Random(seed);
            var slots = count >= _count ? Enumerable.Range(0, _count) : Enumerable.Range(0, count).Select(_ => random.Next(_count)).Distinct();
            return slots.Select(slot =>
            {
                var block = _blocks[slot >> BlockShift];
                var offset = slot & BlockMask;
                return (block.Ids[offset], Int8Vector.Dequantize(block.Values.AsSpan(offset * Dimensions, Dimensions), block.Scales[offset]));
            }).ToList();
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The <paramref name="k"/> papers most similar to <paramref name="query"/> (an L2-normalised vector, such
    /// as <see cref="ITextEmbedder.EmbedQuery"/> gives), best first. <paramref name="include"/>, when given, is
    /// asked only about papers that would enter the top k, so a filter costs little.
    /// </summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? include = null)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"Expected {Dimensions} dimensions, got {query.Length}.", nameof(query));
        Span<sbyte> values = stackalloc sbyte[Dimensions];
        var scale = Int8Vector.Quantize(query, values);
        _lock.EnterReadLock();
        try { return Scan(values, scale, k, include); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The <paramref name="k"/> papers nearest to the paper <paramref name="paperId"/>, itself excluded; empty when
    /// the paper has no vector.
    /// </summary>
    public IReadOnlyList<VectorHit> Similar(long paperId, int k, Func<long, bool>? include = null)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_slots.TryGetValue(paperId, out var slot)) return [];
            var block = _blocks[slot >> BlockShift];
            var values = block.Values.AsSpan((slot & BlockMask) * Dimensions, Dimensions).ToArray();
            return Scan(values, block.Scales[slot & BlockMask], k, id => id != paperId && (include is null || include(id)));
        }
        finally { _lock.ExitReadLock(); }
    }

    // Called under the read lock.
    private VectorHit[] Scan(ReadOnlySpan<sbyte> query, float queryScale, int k, Func<long, bool>? include)
    {
        if (k <= 0 || _count == 0 || queryScale == 0) return [];
        var wide = new short[Dimensions];
        for (var i = 0; i < Dimensions; i++) wide[i] = query[i];
        var count = _count;
        var workers = Math.Clamp(count / VectorsPerWorker, 1, Environment.ProcessorCount);
        var partials = new TopK[workers];
        if (workers == 1) partials[0] = ScanRange(wide, 0, count, k, include);
        else
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
                w => partials[w] = ScanRange(wide, (int)((long)count * w / workers), (int)((long)count * (w + 1) / workers), k, include));
        var merged = new TopK(k);
        foreach (var partial in partials)
            for (var i = 0; i < partial.Count; i++) merged.Offer(partial.Scores[i], partial.Ids[i]);
        return merged.Sorted(queryScale);
    }

    private TopK ScanRange(short[] query, int start, int end, int k, Func<long, bool>? include)
    {
        var top = new TopK(k);
        var dimensions = Dimensions;
        for (var slot = start; slot < end;)
        {
            var block = _blocks[slot >> BlockShift];
            var first = slot & BlockMask;
            var last = Math.Min(BlockSize, first + (end - slot));
            var values = block.Values;
            var scales = block.Scales;
            for (var offset = first; offset < last; offset++)
            {
                var score = Dot(query, values.AsSpan(offset * dimensions, dimensions)) * scales[offset];
                if (score > top.Threshold && (include is null || include(block.Ids[offset]))) top.Offer(score, block.Ids[offset]);
            }
            slot += last - first;
        }
        return top;
    }

    private static int Dot(short[] query, ReadOnlySpan<sbyte> values)
    {
        if (!Avx2.IsSupported)
        {
            var sum = 0;
            for (var i = 0; i < values.Length; i++) sum += query[i] * values[i];
            return sum;
        }
        ref var q = ref MemoryMarshal.GetArrayDataReference(query);
        ref var v = ref MemoryMarshal.GetReference(values);
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        // Sign-extend 16 bytes at a time to 16-bit lanes (vpmovsxbw, which folds the load), then multiply-add
        // adjacent pairs into 32-bit sums (vpmaddwd): products of two int8 values cannot overflow.
        for (nuint i = 0; i < (nuint)values.Length; i += 32)
        {
            acc0 += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref v, i)), Vector256.LoadUnsafe(ref q, i));
            acc1 += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref v, i + 16)), Vector256.LoadUnsafe(ref q, i + 16));
        }
        return Vector256.Sum(acc0 + acc1);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The best k (score, id) pairs seen so far: a min-heap on score, its root the score to beat.</summary>
    private sealed class TopK(int k)
    {
        public readonly float[] Scores = new float[k];
        public readonly long[] Ids = new long[k];
        public int Count;

        public float Threshold => Count < Scores.Length ? float.NegativeInfinity : Scores[0];

        public void Offer(float score, long id)
        {
            if (Count < Scores.Length)
            {
                var i = Count++;
                while (i > 0 && Scores[(i - 1) / 2] > score)
                {
                    Scores[i] = Scores[(i - 1) / 2];
                    Ids[i] = Ids[(i - 1) / 2];
                    i = (i - 1) / 2;
                }
                Scores[i] = score;
                Ids[i] = id;
                return;
            }
            if (score <= Scores[0]) return;
            var at = 0;
            while (true)
            {
                var child = 2 * at + 1;
                if (child >= Count) break;
                if (child + 1 < Count && Scores[child + 1] < Scores[child]) child++;
                if (Scores[child] >= score) break;
                Scores[at] = Scores[child];
                Ids[at] = Ids[child];
                at = child;
            }
            Scores[at] = score;
            Ids[at] = id;
        }

        public VectorHit[] Sorted(float queryScale)
        {
            var hits = new VectorHit[Count];
            for (var i = 0; i < Count; i++) hits[i] = new VectorHit(Ids[i], Scores[i] * queryScale);
            // Equal scores keep a stable order by id, so results do not depend on how the scan was split.
            Array.Sort(hits, (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.PaperId.CompareTo(b.PaperId));
            return hits;
        }
    }
}
