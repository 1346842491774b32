using System.Diagnostics;
using System.Numerics.Tensors;
using Paperboy.Search.Embeddings;

namespace Paperboy.Bench.Embeddings;

/// <summary>
/// A <see cref="VectorIndex"/> of N synthetic unit vectors (clustered, as real embeddings are), its memory,
/// and the latency of top-10 searches and similar-paper look-ups; next to a plain float32 scan with
/// TensorPrimitives.Dot on one thread, the baseline it replaces.
/// </summary>
internal static class VectorLatency
{
    private const int Dimensions = BertModel.Dimensions;

    public static void Run(int count, int queries, TextWriter output, TextWriter progress)
    {
        var random = new Random(7);
        // Vectors gather around 1,000 random centres, so top-10 sets are not decided by noise alone.
        var centres = Enumerable.Range(0, 1000).Select(_ => Unit(random, null, 0)).ToArray();
        Func<float[]> next = () => Unit(random, centres[random.Next(centres.Length)], 0.6f);

        progress.WriteLine($"filling the index with {count:N0} vectors");
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var index = new VectorIndex();
        var clock = Stopwatch.StartNew();
        const int batch = 10_000;
        for (var start = 0; start < count; start += batch)
            index.UpsertMany(Enumerable.Range(start, Math.Min(batch, count - start)).Select(i => ((long)i, next())).ToList());
        var fill = clock.Elapsed.TotalSeconds;
        // Past the minimum the index groups its vectors in the background as it grows; the last grouping is waited for.
        clock.Restart();
        index.Grouping?.GetAwaiter().GetResult();
        var grouping = clock.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var queryVectors = Enumerable.Range(0, queries).Select(_ => next()).ToArray();
        index.Search(queryVectors[0], 10); // warm-up
        var search = Times(queryVectors.Select(q => (Action)(() => index.Search(q, 10, exact: true))));
        var similar = Times(Enumerable.Range(0, queries).Select(i => (Action)(() => index.Similar(i * 4_999L % count, 10, exact: true))));
        var grouped = Times(queryVectors.Select(q => (Action)(() => index.Search(q, 10))));
        var groupedDeep = Times(queryVectors.Select(q => (Action)(() => index.Search(q, 200))));
        var groupedSimilar = Times(Enumerable.Range(0, queries).Select(i => (Action)(() => index.Similar(i * 4_999L % count, 10))));

        output.WriteLine($"{count:N0} vectors of {Dimensions} dimensions, {queries} queries, {Environment.ProcessorCount} cores");
        output.WriteLine();
        output.WriteLine("| measure | value |");
        output.WriteLine("|---|---:|");
        output.WriteLine($"| managed memory of the index | {(after - before) / 1048576.0:F0} MiB |");
        output.WriteLine($"| bytes per vector | {(after - before) / (double)count:F0} |");
        output.WriteLine($"| VectorIndex.MemoryBytes (its own estimate) | {index.MemoryBytes / 1048576.0:F0} MiB |");
        output.WriteLine($"| fill (UpsertMany, incl. generating vectors) | {count / fill:F0} vectors/s |");
        output.WriteLine($"| Search top-10, exact, p50 / p95 | {search.P50:F1} ms / {search.P95:F1} ms |");
        output.WriteLine($"| Similar top-10, exact, p50 / p95 | {similar.P50:F1} ms / {similar.P95:F1} ms |");
        if (index.Groups > 0)
        {
            output.WriteLine($"| grouping still running when the fill ended, waited | {grouping:F1} s ({index.Groups} groups) |");
            output.WriteLine($"| Search top-10, grouped, p50 / p95 | {grouped.P50:F1} ms / {grouped.P95:F1} ms |");
            output.WriteLine($"| Search top-200, grouped, p50 / p95 | {groupedDeep.P50:F1} ms / {groupedDeep.P95:F1} ms |");
            output.WriteLine($"| Similar top-10, grouped, p50 / p95 | {groupedSimilar.P50:F1} ms / {groupedSimilar.P95:F1} ms |");
        }

        // The baseline: the same vectors as float32, one thread, TensorPrimitives.Dot per vector.
        progress.WriteLine("float32 baseline");
        var floats = new float[(long)count * Dimensions <= Array.MaxLength ? count * Dimensions : throw new InvalidOperationException("too many vectors for the float baseline")];
        for (var i = 0; i < count; i++) index.Get(i)!.CopyTo(floats, i * Dimensions);
        var baseline = Times(queryVectors.Take(Math.Min(queries, 50)).Select(q => (Action)(() =>
        {
            float best = float.NegativeInfinity;
            for (var i = 0; i < count; i++) best = Math.Max(best, TensorPrimitives.Dot(floats.AsSpan(i * Dimensions, Dimensions), q));
        })));
        output.WriteLine($"| float32 scan, 1 thread (baseline, {floats.Length * 4L / 1048576} MiB), p50 / p95 | {baseline.P50:F1} ms / {baseline.P95:F1} ms |");
    }

    private static (double P50, double P95) Times(IEnumerable<Action> actions)
    {
        var times = new List<double>();
        foreach (var action in actions)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)(times.Count * 0.95))]);
    }

    private static float[] Unit(Random random, float[]? centre, float spread)
    {
        var v = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            // Box-Muller: a Gaussian direction is uniform on the sphere once normalised.
            var g = MathF.Sqrt(-2 * MathF.Log(1 - random.NextSingle())) * MathF.Cos(2 * MathF.PI * random.NextSingle());
            v[i] = centre is null ? g : centre[i] + spread * g / MathF.Sqrt(Dimensions);
        }
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
