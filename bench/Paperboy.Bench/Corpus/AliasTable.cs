namespace Paperboy.Bench.Corpus;

/// <summary>
/// One slot of an alias table: take <see cref="Value"/> with chance <see cref="Prob"/>, else <see cref="Alias"/>.
/// Both outcomes sit in the slot itself, so a draw touches one cache line: a million-paper corpus draws some
/// 200M words from tables far larger than the processor's caches, and memory latency is the cost that counts.
/// </summary>
public readonly record struct AliasSlot(float Prob, int Value, int Alias);

/// <summary>Walker's alias method: draws outcome i with probability weight[i] / sum in constant time.</summary>
public sealed class AliasTable
{
    private readonly AliasSlot[] _slots;

    /// <summary>A table whose draws are the outcomes' indices, or <paramref name="value"/>(index) when given.</summary>
    public AliasTable(ReadOnlySpan<double> weights, Func<int, int>? value = null)
    {
        if (weights.Length == 0) throw new ArgumentException("an alias table needs at least one outcome", nameof(weights));
        _slots = new AliasSlot[weights.Length];
        Build(weights, _slots, value ?? (i => i));
    }

    public int Count => _slots.Length;

    public int Sample(Rng rng) => Sample(rng, _slots, 0, _slots.Length);

    /// <summary>Draws from the table stored at [offset, offset + count) of a shared array (one row of a bigram table).</summary>
    public static int Sample(Rng rng, AliasSlot[] slots, int offset, int count)
    {
        // One draw: the top 32 bits pick the slot, the next 24 the side.
        var bits = rng.NextUInt64();
        var s = slots[offset + (int)(((bits >> 32) * (ulong)count) >> 32)];
        return ((bits >> 8) & 0xFFFFFF) * (1.0f / (1 << 24)) < s.Prob ? s.Value : s.Alias;
    }

    /// <summary>Fills <paramref name="slots"/> for the weights; outcome i is recorded as <paramref name="value"/>(i).</summary>
    public static void Build(ReadOnlySpan<double> weights, Span<AliasSlot> slots, Func<int, int> value)
    {
        var n = weights.Length;
        var sum = 0.0;
        foreach (var w in weights) sum += w;
        if (!(sum > 0)) throw new ArgumentException("weights must add up to more than zero", nameof(weights));
        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int ns = 0, nl = 0;
        for (var i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1.0) small[ns++] = i; else large[nl++] = i;
        }
        while (ns > 0 && nl > 0)
        {
            var s = small[--ns];
            var l = large[--nl];
            slots[s] = new AliasSlot((float)scaled[s], value(s), value(l));
            scaled[l] -= 1.0 - scaled[s];
            if (scaled[l] < 1.0) small[ns++] = l; else large[nl++] = l;
        }
        // What is left is 1 up to rounding error.
        while (nl > 0) { var l = large[--nl]; slots[l] = new AliasSlot(1f, value(l), value(l)); }
        while (ns > 0) { var s = small[--ns]; slots[s] = new AliasSlot(1f, value(s), value(s)); }
    }
}

/// <summary>Values drawn with given weights.</summary>
public sealed class Distribution<T>
{
    private readonly T[] _values;
    private readonly AliasTable _table;

    public Distribution(IEnumerable<(T Value, double Weight)> weighted)
    {
        var list = weighted.Where(p => p.Weight > 0).ToList();
        _values = list.Select(p => p.Value).ToArray();
        _table = new AliasTable(list.Select(p => p.Weight).ToArray());
    }

    public int Count => _values.Length;

    public T Sample(Rng rng) => _values[_table.Sample(rng)];

    /// <summary>The empirical distribution of the observed values.</summary>
    public static Distribution<T> FromCounts(IReadOnlyDictionary<T, long> counts) =>
        new(counts.Select(kv => (kv.Key, (double)kv.Value)));
}
