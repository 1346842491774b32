namespace Paperboy.Bench.Corpus;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Our own rather than <see cref="Random"/> so a seed gives the same
/// corpus on every runtime version, and so independent streams (one per day, one per month) can be derived from
/// one seed: any part of the corpus can then be generated without generating what comes before it.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>An independent stream for one part of the corpus (a day, a month, the user pool).</summary>
    public static Rng For(ulong seed, ulong stream)
    {
        var sm = seed ^ 0x6A09E667F3BCC909UL;
        var a = SplitMix(ref sm);
        var st = stream + 0xBB67AE8584CAA73BUL;
        return new Rng(a ^ SplitMix(ref st));
    }

    public ulong NextUInt64()
    {
        var result = BitRotate(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, n). Multiply-shift: the bias is below 2^-32 for the table sizes used here.</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>Standard normal, Box-Muller (one of the pair is dropped: simplicity over speed, it is rarely called).</summary>
    public double NextGaussian()
    {
        var u = 1.0 - NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
