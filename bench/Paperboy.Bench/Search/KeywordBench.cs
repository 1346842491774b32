using System.Diagnostics;
using Paperboy.Search;
using Paperboy.Search.Keyword;

namespace Paperboy.Bench.Search;

/// <summary>
/// Builds a keyword index of the papers, then runs the query workload one query at a time (a warm-up pass, then a
/// measured one) and prints Markdown: build time, index size, latency per kind of query, highlighting, and the
/// cost of a catch-up batch and of the search right after it.
/// </summary>
public static class KeywordBench
{
    private const int BatchSize = 1000;
    private const int PageSize = 20;
    private const int WriteRounds = 50;

    public static void Run(IReadOnlyList<SearchDocument> papers, IReadOnlyList<BenchQuery> queries, string folder, TextWriter output, TextWriter log)
    {
        using var index = new KeywordIndex(folder);
        log.WriteLine($"indexing {papers.Count:N0} papers");
        var clock = Stopwatch.StartNew();
        foreach (var batch in papers.Chunk(BatchSize)) index.Upsert(batch);
        index.Commit(papers.Count);
        var build = clock.Elapsed;
        clock.Restart();
        var count = index.Count;
        var firstRead = clock.Elapsed;
        var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);

        var parsed = queries.Select(q => (q.Kind, Query: SearchQuery.Parse(q.Text), q.Facets)).ToList();
        log.WriteLine($"warming up with {parsed.Count:N0} queries");
        foreach (var q in parsed) index.Search(q.Query, PageSize, facets: q.Facets);
        log.WriteLine("measuring");
        var rows = new List<(string Kind, double[] Ms, double Hits)>();
        foreach (var kind in parsed.GroupBy(q => q.Kind))
        {
            var hits = 0L;
            var ms = kind.Select(q =>
            {
                var start = Stopwatch.GetTimestamp();
                hits += index.Search(q.Query, PageSize, facets: q.Facets).TotalHits;
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }).ToArray();
            rows.Add((kind.Key, ms, (double)hits / ms.Length));
        }

        var byId = papers.ToDictionary(p => p.PaperId);
        var highlight = parsed.Where(q => q.Kind == QueryWorkload.Kinds[0]).Select(q =>
        {
            var page = index.Search(q.Query, PageSize).Hits;
            var start = Stopwatch.GetTimestamp();
            foreach (var hit in page) index.Highlight(q.Query, byId[hit.PaperId].Title, byId[hit.PaperId].Abstract);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).ToArray();

        // A catch-up batch rewrites papers and commits, which opens the reader that sees them.
        var random = new Random(1);
        var probe = parsed[0].Query;
        var (upserts, refreshes) = (new double[WriteRounds], new double[WriteRounds]);
        for (var i = 0; i < WriteRounds; i++)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => papers[random.Next(papers.Count)]).DistinctBy(p => p.PaperId).ToList();
            var start = Stopwatch.GetTimestamp();
            index.Upsert(batch);
            index.Commit(papers.Count + i + 1);
            upserts[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            index.Search(probe, PageSize);
            refreshes[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        output.WriteLine($"| index build: {papers.Count:N0} papers, Upsert in batches of {BatchSize:N0}, one Commit | {build.TotalSeconds:N1} s ({papers.Count / build.TotalSeconds:N0} papers/s) |");
        output.WriteLine($"| first search after the build (opens the reader) | {firstRead.TotalMilliseconds:N0} ms ({count:N0} papers) |");
        output.WriteLine($"| index size on disk | {bytes / 1048576.0:N0} MiB ({(double)bytes / papers.Count:N0} bytes/paper) |");
        output.WriteLine();
        output.WriteLine($"Latency of one query at a time, top {PageSize}, after a warm-up pass over the same queries; \"matches\" is the mean total hit count.");
        output.WriteLine();
        output.WriteLine("| query | queries | mean | p50 | p95 | p99 | matches |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, ms, hits) in rows) output.WriteLine(Row(kind, ms, $"{hits:N0}"));
        output.WriteLine(Row($"highlight the {PageSize} hits of a \"{QueryWorkload.Kinds[0]}\" query (title + abstract)", highlight, ""));
        output.WriteLine(Row("catch-up batch: Upsert 100 papers already in the index, Commit (opens the new reader)", upserts, ""));
        output.WriteLine(Row("the first search after it", refreshes, ""));
    }

    private static string Row(string label, double[] ms, string matches)
    {
        Array.Sort(ms);
        return $"| {label} | {ms.Length:N0} | {ms.Average():F2} ms | {Percentile(ms, 0.50):F2} ms | {Percentile(ms, 0.95):F2} ms | {Percentile(ms, 0.99):F2} ms | {matches} |";
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
