using System.CommandLine;
using System.Diagnostics;
using System.Numerics.Tensors;
using Paperboy.Recommendations;
using Paperboy.Search.Embeddings;

namespace Paperboy.Bench.Recommendations;

/// <summary>
/// <c>recommend speed --count N</c>: the two costs of "for you" at full size, over a <see cref="VectorIndex"/> of N
/// synthetic unit vectors clustered as real embeddings are. <b>Retrain</b>: a member with 30 liked papers adds one
/// more and <see cref="InterestModel.Train"/> runs again on them and the background sample, as
/// <see cref="Recommender"/> does after any new signal. <b>Top 50</b>: the library-wide pick as the recommender makes
/// it: one scan of the index with the model's weights as the query (200 best), the union scored in full (content,
/// authors, categories), sorted, explained. The database read of the candidates' authors (one primary-key lookup
/// of about 200 rows) is not in it.
/// </summary>
public static class RecommendBench
{
    private const int Dimensions = BertModel.Dimensions;

    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Synthetic vectors in the index", DefaultValueFactory = _ => 1_000_000 };
        var runs = new Option<int>("--runs") { Description = "Members (retrains and top-50 picks) to time", DefaultValueFactory = _ => 100 };
        var speed = new Command("speed", "Retraining time and top-50 latency over N papers") { count, runs };
        speed.SetAction(r =>
        {
            Run(r.GetValue(count), r.GetValue(runs), Console.Out, Console.Error);
            return 0;
        });
        return new Command("recommend", "Recommendation benchmarks") { speed };
    }

    public static void Run(int count, int runs, TextWriter output, TextWriter progress)
    {
        var random = new Random(11);
        var centres = Enumerable.Range(0, 1000).Select(_ => Unit(random, null, 0)).ToArray();
        progress.WriteLine($"filling the index with {count:N0} vectors");
        using var index = new VectorIndex();
        for (var start = 0; start < count; start += 10_000)
            index.UpsertMany(Enumerable.Range(start, Math.Min(10_000, count - start))
                .Select(i => ((long)i, Unit(random, centres[random.Next(centres.Length)], 0.6f))).ToList());
        var authors = Enumerable.Range(0, 5000).Select(i => $"Author {i}").ToArray();
        string[] AuthorsOf(long id) => [authors[id % authors.Length], authors[id * 7 % authors.Length]];

        var retrain = new List<double>();
        var pick = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            progress.Write($"\rmember {run + 1}/{runs}");
            // A member's taste: three subjects (centres), thirty papers among them, then one more.
            var subjects = Enumerable.Range(0, 3).Select(_ => random.Next(centres.Length)).ToArray();
            var liked = Enumerable.Range(0, 31).Select(i =>
            {
                var id = (long)random.Next(count);
                return new LikedPaper(id, $"Paper {id}", Unit(random, centres[subjects[i % 3]], 0.6f), AuthorsOf(id), SignalKind.Upvoted);
            }).ToList();
            var background = index.Sample(2_000, run).Select(s => s.Vector).ToList();
            InterestModel.Train(liked.Take(30).ToList(), [], background, ["Author 7"], ["cs.LG"]);

            var clock = Stopwatch.StartNew();
            var model = InterestModel.Train(liked, [], background, ["Author 7"], ["cs.LG"]);
            retrain.Add(clock.Elapsed.TotalMilliseconds);

            clock.Restart();
            var excluded = liked.Select(l => l.PaperId).ToHashSet();
            var top = index.Search(model.Content!.Weights, 200, id => !excluded.Contains(id))
                .Select(h => new Candidate(h.PaperId, index.Get(h.PaperId)!, AuthorsOf(h.PaperId), ["cs.LG"], 3))
                .Select(c => (Candidate: c, Score: model.Score(c)))
                .OrderByDescending(c => c.Score).Take(50)
                .Select(c => (c.Candidate.PaperId, model.Explain(c.Candidate).Text)).ToList();
            pick.Add(clock.Elapsed.TotalMilliseconds);
            if (top.Count != 50) throw new InvalidOperationException($"expected 50 picks, got {top.Count}");
        }
        progress.WriteLine();

        output.WriteLine($"{count:N0} papers (synthetic {Dimensions}-d vectors, int8 index of {index.MemoryBytes / 1048576.0:F0} MiB), " +
            $"{runs} members of 31 liked papers, 2,000 background papers, {Environment.ProcessorCount} cores");
        output.WriteLine();
        output.WriteLine("| measure | p50 | p95 | p99 | max |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine(Row("retrain after one new signal (InterestModel.Train)", retrain));
        output.WriteLine(Row("top 50 over the whole library (scan, score, explain)", pick));
    }

    private static string Row(string name, List<double> times)
    {
        var sorted = times.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return $"| {name} | {At(0.5):F1} ms | {At(0.95):F1} ms | {At(0.99):F1} ms | {sorted[^1]:F1} ms |";
    }

    private static float[] Unit(Random random, float[]? centre, float spread)
    {
        var v = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++) v[i] = (float)(random.NextDouble() * 2 - 1) * (centre is null ? 1 : spread) + (centre?[i] ?? 0);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
