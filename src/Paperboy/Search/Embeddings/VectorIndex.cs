using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Paperboy.Search.Embeddings;

/// <summary>A paper and its similarity to the query: about the cosine (dot product of unit vectors).</summary>
public readonly record struct VectorHit(long PaperId, float Score);

/// <summary>
/// Every paper's embedding in memory, for nearest-neighbour search. Vectors are held as <see cref="Int8Vector"/>
/// (384 bytes and a scale each: about 400 MB for a million papers, including the id map) and compared with AVX2.
/// Up to <see cref="ApproximateSearch.Minimum"/> vectors a search compares the query with every vector, on all
/// cores; past it, once the vectors are grouped (<see cref="VectorPartition"/>, built in the background), only
/// with the groups nearest the query, unless the caller asks for the exact answer (bench/results: latency and
/// what the approximation loses).
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
    private readonly ApproximateSearch _approximate;
    private int _count;
    // The groups searches use, and while new ones are built the slots written since the build read them.
    private VectorPartition? _partition;
    private HashSet<int>? _changedDuringBuild;
    private Task? _build;
    private volatile bool _disposing;
    private readonly Lock _buildStart = new(), _building = new();

    private sealed class Block(int dimensions)
    {
        public readonly sbyte[] Values = new sbyte[BlockSize * dimensions];
        public readonly float[] Scales = new float[BlockSize];
        public readonly long[] Ids = new long[BlockSize];
    }

    public VectorIndex(int dimensions = BertModel.Dimensions, ApproximateSearch? approximate = null)
    {
        _approximate = approximate ?? new ApproximateSearch();
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
            try { return (long)_blocks.Count * BlockSize * (Dimensions + sizeof(float) + sizeof(long)) + _slots.Count * 28L + (_partition?.MemoryBytes ?? 0); }
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
        GroupWhenDue();
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
        GroupWhenDue();
    }

    private void Store(long paperId, ReadOnlySpan<sbyte> values, float scale)
    {
        var added = !_slots.TryGetValue(paperId, out var slot);
        if (added)
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
        _changedDuringBuild?.Add(slot);
        if (_partition is null) return;
        if (!added) _partition.Remove(slot);
        Span<short> wide = stackalloc short[Dimensions];
        _partition.Add(slot, _partition.Nearest(Widen(values, wide)));
    }

    /// <summary>Removes the paper's vector; false if it was not in the index.</summary>
    public bool Remove(long paperId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slots.Remove(paperId, out var slot)) return false;
            _partition?.Remove(slot);
            // The last vector moves into the hole, so a scan never has gaps to skip.
            var last = --_count;
            if (slot != last)
            {
                _partition?.Move(last, slot);
                _changedDuringBuild?.Add(slot);
                Move(last, slot);
                _slots[Id(slot)] = slot;
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
    /// asked only about papers that would enter the top k, so a filter costs little. With <paramref name="exact"/>
    /// every vector is compared even when the index is large enough to approximate.
    /// </summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? include = null, bool exact = false)
    {
        if (query.Length != Dimensions) throw new ArgumentException($"Expected {Dimensions} dimensions, got {query.Length}.", nameof(query));
        Span<sbyte> values = stackalloc sbyte[Dimensions];
        var scale = Int8Vector.Quantize(query, values);
        _lock.EnterReadLock();
        try { return Scan(values, scale, k, include, exact); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The <paramref name="k"/> papers nearest to the paper <paramref name="paperId"/>, itself excluded; empty when
    /// the paper has no vector.
    /// </summary>
    public IReadOnlyList<VectorHit> Similar(long paperId, int k, Func<long, bool>? include = null, bool exact = false)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_slots.TryGetValue(paperId, out var slot)) return [];
            var block = _blocks[slot >> BlockShift];
            var values = block.Values.AsSpan((slot & BlockMask) * Dimensions, Dimensions).ToArray();
            return Scan(values, block.Scales[slot & BlockMask], k, id => id != paperId && (include is null || include(id)), exact);
        }
        finally { _lock.ExitReadLock(); }
    }

    // Called under the read lock.
    private VectorHit[] Scan(ReadOnlySpan<sbyte> query, float queryScale, int k, Func<long, bool>? include, bool exact)
    {
        if (k <= 0 || _count == 0 || queryScale == 0) return [];
        var wide = new short[Dimensions];
        Widen(query, wide);
        if (!exact && _partition is { } groups && _count >= _approximate.Minimum) return ScanGroups(groups, wide, queryScale, k, include);
        var count = _count;
        var workers = Math.Clamp(count / VectorsPerWorker, 1, Environment.ProcessorCount);
        var partials = new TopK[workers];
        if (workers == 1) partials[0] = ScanRange(wide, 0, count, k, include);
        else
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
                w => partials[w] = ScanRange(wide, (int)((long)count * w / workers), (int)((long)count * (w + 1) / workers), k, include));
        return Merge(partials, k, queryScale);
    }

    /// <summary>
    /// The top k among the groups nearest the query: the share <see cref="ApproximateSearch.ProbeShare"/> of them,
    /// and more while they hold fewer than 4k vectors, split between the cores by size.
    /// </summary>
    private VectorHit[] ScanGroups(VectorPartition groups, short[] query, float queryScale, int k, Func<long, bool>? include)
    {
        var order = groups.NearestGroups(query, groups.Groups);
        var probe = Math.Max(_approximate.MinimumProbe, (int)Math.Ceiling(groups.Groups * _approximate.ProbeShare));
        var taken = new List<int>();
        long vectors = 0;
        foreach (var g in order)
        {
            if (taken.Count >= probe && vectors >= 4L * k) break;
            taken.Add(g);
            vectors += groups.Size(g);
        }
        var workers = (int)Math.Clamp(vectors / VectorsPerWorker, 1, Environment.ProcessorCount);
        var partials = new TopK[workers];
        if (workers == 1) partials[0] = ScanMembers(groups, taken, query, k, include);
        else
        {
            // Largest groups first, each to the worker with the fewest vectors so far.
            var shares = Enumerable.Range(0, workers).Select(_ => new List<int>()).ToArray();
            var sizes = new long[workers];
            foreach (var g in taken.OrderByDescending(groups.Size))
            {
                var w = Array.IndexOf(sizes, sizes.Min());
                shares[w].Add(g);
                sizes[w] += groups.Size(g);
            }
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
                w => partials[w] = ScanMembers(groups, shares[w], query, k, include));
        }
        return Merge(partials, k, queryScale);
    }

    private TopK ScanMembers(VectorPartition groups, List<int> taken, short[] query, int k, Func<long, bool>? include)
    {
        var top = new TopK(k);
        var dimensions = Dimensions;
        foreach (var g in taken)
            foreach (var slot in groups.Members(g))
            {
                var block = _blocks[slot >> BlockShift];
                var offset = slot & BlockMask;
                var score = Dot(query, block.Values.AsSpan(offset * dimensions, dimensions)) * block.Scales[offset];
                if (score > top.Threshold && (include is null || include(block.Ids[offset]))) top.Offer(score, block.Ids[offset]);
            }
        return top;
    }

    private static VectorHit[] Merge(TopK[] partials, int k, float queryScale)
    {
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

    private static Span<short> Widen(ReadOnlySpan<sbyte> values, Span<short> wide)
    {
        for (var i = 0; i < values.Length; i++) wide[i] = values[i];
        return wide;
    }

    internal static int Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> values)
    {
        if (!Avx2.IsSupported)
        {
            var sum = 0;
            for (var i = 0; i < values.Length; i++) sum += query[i] * values[i];
            return sum;
        }
        ref var q = ref MemoryMarshal.GetReference(query);
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

    /// <summary>How many groups approximate searches read from (0 before the first grouping).</summary>
    public int Groups => _partition?.Groups ?? 0;

    /// <summary>The grouping started in the background when the index last grew past its due size; null before.</summary>
    public Task? Grouping => _build;

    // New groups are due when the index first reaches the minimum and each time it has doubled since: groups learnt
    // on a tenth of today's papers would fit tomorrow's badly.
    private void GroupWhenDue()
    {
        if (!GroupingDue()) return;
        lock (_buildStart)
        {
            if (_build is { IsCompleted: false }) return;
            _build = Task.Run(BuildGroups);
        }
    }

    /// <summary>
    /// Learns groups from a sample of the vectors, puts every vector in its nearest group and lets searches use
    /// them. Searches and writes go on meanwhile: the vectors are read a few thousand at a time under the read
    /// lock, and the slots written in between are placed again under the write lock at the end.
    /// </summary>
    public void BuildGroups()
    {
        // A load that went on while groups were built (the start-up load) may have doubled the index meanwhile.
        lock (_building)
            do Build();
            while (GroupingDue());
    }

    private bool GroupingDue()
    {
        var count = Count;
        return !_disposing && count >= _approximate.Minimum && (_partition is not { } p || count >= 2 * p.TrainedOn);
    }

    private void Build()
    {
        const int Chunk = 2048;
        List<float[]> sample;
        int count;
        _lock.EnterWriteLock();
        try
        {
            count = _count;
            if (count == 0) return;
            var random = new Random(count);
            sample = Enumerable.Range(0, Math.Min(count, ApproximateSearch.ListsFor(count) * 64)).Select(_ => random.Next(count)).Distinct()
                .Select(slot => Int8Vector.Dequantize(Values(slot), Scale(slot))).ToList();
            _changedDuringBuild = [];
        }
        finally { _lock.ExitWriteLock(); }
        try
        {
            var partition = VectorPartition.Train(sample, Math.Min(sample.Count, ApproximateSearch.ListsFor(count)), count, seed: count);
            var nearest = new List<int>(count);
            var wide = new short[Dimensions];
            while (true)
            {
                _lock.EnterReadLock();
                try
                {
                    if (_disposing) return;
                    var end = Math.Min(_count, nearest.Count + Chunk);
                    if (nearest.Count >= end) break;
                    for (var slot = nearest.Count; slot < end; slot++) nearest.Add(partition.Nearest(Widen(Values(slot), wide)));
                }
                finally { _lock.ExitReadLock(); }
            }
            _lock.EnterWriteLock();
            try
            {
                var groupOf = new int[_count];
                for (var slot = 0; slot < _count; slot++)
                    groupOf[slot] = slot < nearest.Count && !_changedDuringBuild.Contains(slot) ? nearest[slot] : partition.Nearest(Widen(Values(slot), wide));
                // Each group's vectors are moved next to each other: a search then reads a few long runs of memory
                // instead of jumping to a vector here and there, which cost nearly as much as reading them all.
                var next = new int[partition.Groups];
                foreach (var g in groupOf) next[g]++;
                for (int g = 0, start = 0; g < next.Length; g++) (next[g], start) = (start, start + next[g]);
                var order = new int[_count];
                for (var slot = 0; slot < _count; slot++) order[next[groupOf[slot]]++] = slot;
                Reorder(order);
                for (var slot = 0; slot < order.Length; slot++) partition.Add(slot, groupOf[order[slot]]);
                _partition = partition;
            }
            finally { _lock.ExitWriteLock(); }
        }
        finally
        {
            _lock.EnterWriteLock();
            _changedDuringBuild = null;
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Moves the vectors so that slot i holds what slot <c>order[i]</c> held, in place (following the permutation's
    /// cycles with one vector aside), and points each paper's id at its new slot. Called under the write lock.
    /// </summary>
    private void Reorder(int[] order)
    {
        var done = new bool[order.Length];
        var aside = new sbyte[Dimensions];
        for (var start = 0; start < order.Length; start++)
        {
            if (done[start] || order[start] == start) continue;
            Values(start).CopyTo(aside);
            var (scale, id) = (Scale(start), Id(start));
            var to = start;
            while (order[to] != start)
            {
                Move(order[to], to);
                done[to] = true;
                to = order[to];
            }
            Put(to, aside, scale, id);
            done[to] = true;
        }
        for (var slot = 0; slot < order.Length; slot++) _slots[Id(slot)] = slot;
    }

    private void Move(int from, int to) => Put(to, Values(from), Scale(from), Id(from));

    private void Put(int slot, ReadOnlySpan<sbyte> values, float scale, long id)
    {
        var block = _blocks[slot >> BlockShift];
        values.CopyTo(block.Values.AsSpan((slot & BlockMask) * Dimensions, Dimensions));
        block.Scales[slot & BlockMask] = scale;
        block.Ids[slot & BlockMask] = id;
    }

    private float Scale(int slot) => _blocks[slot >> BlockShift].Scales[slot & BlockMask];

    private long Id(int slot) => _blocks[slot >> BlockShift].Ids[slot & BlockMask];

    private ReadOnlySpan<sbyte> Values(int slot) => _blocks[slot >> BlockShift].Values.AsSpan((slot & BlockMask) * Dimensions, Dimensions);

    public void Dispose()
    {
        // A grouping in progress stops at its next chunk; the lock may only go once nothing holds it.
        _disposing = true;
        try { _build?.Wait(TimeSpan.FromSeconds(10)); }
        catch (AggregateException) { }
        _lock.Dispose();
    }

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
