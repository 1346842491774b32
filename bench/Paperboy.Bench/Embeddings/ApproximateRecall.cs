using System.Diagnostics;
using Paperboy.Bench.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Eval;

namespace Paperboy.Bench.Embeddings;

/// <summary>
/// What the grouped (approximate) vector search loses against the exact scan on real embeddings: the titles of
/// the real arXiv listing's papers embedded once (cached; their abstracts would take hours on two cores, and the
/// titles carry the same topics), then for several shares of groups read, how much of the exact top 10 the grouped
/// search finds for papers' own neighbours ("Similar papers"), and of the exact top 10 and top 200 (the depth
/// hybrid search fuses) for the first sentence of papers' abstracts as queries.
/// </summary>
internal static class ApproximateRecall
{
    public static void Run(string listing, int count, int queries, string model, TextWriter output, TextWriter progress)
    {
        var papers = BenchPapers.Read(listing, count);
        var embedder = EmbeddingModels.Get(model);
        progress.WriteLine($"embedding {papers.Count:N0} titles with {embedder.Name} (cached after the first run)");
        var clock = Stopwatch.StartNew();
        var vectors = EmbeddingCache.Embed(embedder, papers.Select(p => (p.Title, "")).ToList());
        progress.WriteLine($"{vectors.Length:N0} vectors in {clock.Elapsed.TotalSeconds:F0} s");

        var random = new Random(1);
        var picked = Enumerable.Range(0, queries).Select(_ => random.Next(papers.Count)).Distinct().ToList();
        progress.WriteLine($"embedding {picked.Count} first sentences of abstracts as queries");
        var titles = picked.Select(i => embedder.EmbedQuery(FirstSentence(papers[i].Abstract))).ToList();

        output.WriteLine($"{papers.Count:N0} titles of the real listing embedded with {embedder.Name}; {picked.Count} papers' neighbours, and the first sentences of {picked.Count} abstracts as queries;");
        output.WriteLine($"{ApproximateSearch.ListsFor(papers.Count)} groups here ({ApproximateSearch.ListsFor(1_000_000)} at a million papers). Recall: the share of the exact scan's top k the grouped search returns.");
        output.WriteLine();
        output.WriteLine("| groups read | vectors read (mean) | similar papers recall@10 | sentence queries recall@10 | sentence queries recall@200 |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var share in new[] { 1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4 })
        {
            using var index = new VectorIndex(embedder.Dimensions, new ApproximateSearch { Minimum = 1_000, ProbeShare = share, MinimumProbe = 1 });
            index.UpsertMany(vectors.Select((v, i) => (papers[i].PaperId, v)));
            index.Grouping!.GetAwaiter().GetResult();
            var similar = picked.Select(i => Recall(index.Similar(papers[i].PaperId, 10, exact: true), index.Similar(papers[i].PaperId, 10))).Average();
            var top10 = titles.Select(q => Recall(index.Search(q, 10, exact: true), index.Search(q, 10))).Average();
            var top200 = titles.Select(q => Recall(index.Search(q, 200, exact: true), index.Search(q, 200))).Average();
            var read = Math.Max(1, (int)Math.Ceiling(index.Groups * share));
            output.WriteLine($"| {read} of {index.Groups} (share {share:0.###}) | about {papers.Count * read / index.Groups:N0} | {similar:F3} | {top10:F3} | {top200:F3} |");
        }
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? text[..(end + 1)] : text;
    }

    private static double Recall(IReadOnlyList<VectorHit> exact, IReadOnlyList<VectorHit> approximate) =>
        exact.Count == 0 ? 1 : (double)exact.Select(h => h.PaperId).Intersect(approximate.Select(h => h.PaperId)).Count() / exact.Count;
}
