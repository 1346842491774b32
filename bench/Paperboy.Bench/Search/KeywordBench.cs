using System.Diagnostics;
using Paperboy.Search;
using Paperboy.Search.Keyword;

namespace Paperboy.Bench.Search;

/// <summary>
/// Builds a keyword index of the papers (or opens one built before), then runs the query workload one query at a
/// time (a warm-up pass, then measured ones) and prints Markdown: build time, index size, latency per kind of
/// query with the number of matches counted and without (as the JSON API and hybrid search ask), highlighting, and
/// the cost of a catch-up batch and of the search right after it.
/// </summary>
public static class KeywordBench
{
    private const int BatchSize = 1000;
    private const int PageSize = 20;
    private const int WriteRounds = 50;

    /// <param name="built">
    /// The folder holds an index built before (a copy: the catch-up rows would change it, and its papers' ids are
    /// not the list's, so they are left out); the papers only give the queries and the highlighted text.
    /// </param>
    public static void Run(IReadOnlyList<SearchDocument> papers, IReadOnlyList<BenchQuery> queries, string folder, bool built,
        TextWriter output, TextWriter log)
    {
        using var index = new KeywordIndex(folder);
        var clock = Stopwatch.StartNew();
        if (!built)
        {
            log.WriteLine($"indexing {papers.Count:N0} papers");
            foreach (var batch in papers.Chunk(BatchSize)) index.Upsert(batch);
            index.Commit(papers.Count);
        }
        var build = clock.Elapsed;
        clock.Restart();
        var count = index.Count;
        var firstRead = clock.Elapsed;
        var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);

        var parsed = queries.Select(q => (q.Kind, Query: SearchQuery.Parse(q.Text), q.Facets)).ToList();
        log.WriteLine($"warming up with {parsed.Count:N0} queries");
        foreach (var q in parsed) index.Search(q.Query, PageSize, facets: q.Facets);
        // Facets count every match whatever the caller says: only the other kinds have a row without the total.
        var kinds = parsed.GroupBy(q => q.Kind).ToList();
        var uncounted = kinds.Where(k => !k.First().Facets).ToList();
        // Without a total, a word's bound is read from its postings the first time it is searched (then kept).
        log.WriteLine("first searches without a total");
        var first = uncounted.Select(kind => (kind.Key, Ms: Time(kind, q => index.Search(q.Query, PageSize, exactTotal: false)))).ToList();
        log.WriteLine("measuring");
        var rows = new List<(string Kind, double[] Ms, string Hits)>();
        var counted = new Dictionary<SearchQuery, IReadOnlyList<KeywordHit>>(ReferenceEqualityComparer.Instance);
        foreach (var kind in kinds)
        {
            var hits = 0L;
            var ms = Time(kind, q =>
            {
                var results = index.Search(q.Query, PageSize, facets: q.Facets);
                hits += results.TotalHits ?? 0;
                counted[q.Query] = results.Hits;
            });
            rows.Add((kind.Key, ms, $"{(double)hits / ms.Length:N0}"));
        }
        // The hits must not depend on counting: any difference is a bug, reported beside the times.
        var differing = 0;
        foreach (var kind in uncounted)
            rows.Add(($"{kind.Key}, no total", Time(kind, q =>
            {
                if (!index.Search(q.Query, PageSize, exactTotal: false).Hits.SequenceEqual(counted[q.Query])) differing++;
            }), ""));
        log.WriteLine($"{differing} of {uncounted.Sum(k => k.Count())} searches without a total found other hits than counting ones");
        foreach (var (kind, ms) in first)
            rows.Add(($"{kind}, no total, first search of its words", ms, ""));

        // By arXiv id: an index built before numbers its papers its own way.
        var byArxivId = papers.DistinctBy(p => p.ArxivId).ToDictionary(p => p.ArxivId);
        var highlight = parsed.Where(q => q.Kind == QueryWorkload.Kinds[0]).Select(q =>
        {
            var page = index.Search(q.Query, PageSize).Hits.Select(h => byArxivId.GetValueOrDefault(h.ArxivId)).OfType<SearchDocument>().ToList();
            var start = Stopwatch.GetTimestamp();
            foreach (var paper in page) index.Highlight(q.Query, paper.Title, paper.Abstract);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).ToArray();
        if (built)
        {
            output.WriteLine($"| index: a copy of one built before | {count:N0} papers, {bytes / 1048576.0:N0} MiB on disk, first search {firstRead.TotalMilliseconds:N0} ms |");
            output.WriteLine($"| searches without a total whose hits differ from counting ones | {differing} of {uncounted.Sum(k => k.Count()):N0} |");
            WriteLatency(output, rows, highlight);
            return;
        }

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
        output.WriteLine($"| searches without a total whose hits differ from counting ones | {differing} of {uncounted.Sum(k => k.Count()):N0} |");
        WriteLatency(output, rows, highlight);
        output.WriteLine(Row("catch-up batch: Upsert 100 papers already in the index, Commit (opens the new reader)", upserts, ""));
        output.WriteLine(Row("the first search after it", refreshes, ""));
    }

    private static void WriteLatency(TextWriter output, List<(string Kind, double[] Ms, string Hits)> rows, double[] highlight)
    {
        output.WriteLine();
        output.WriteLine($"Latency of one query at a time, top {PageSize}, after a warm-up pass over the same queries; \"matches\" is the mean " +
                         "total hit count. \"No total\" rows search as the JSON API and hybrid search do, without counting matches; " +
                         "the \"first search\" ones ran before the others, while the words' bounds were read from their postings.");
        output.WriteLine();
        output.WriteLine("| query | queries | mean | p50 | p95 | p99 | matches |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, ms, hits) in rows) output.WriteLine(Row(kind, ms, hits));
        output.WriteLine(Row($"highlight the {PageSize} hits of a \"{QueryWorkload.Kinds[0]}\" query (title + abstract)", highlight, ""));
    }

    /// <summary>Milliseconds each query of <paramref name="kind"/> takes, one at a time.</summary>
    private static double[] Time(IEnumerable<(string Kind, SearchQuery Query, bool Facets)> kind, Action<(string Kind, SearchQuery Query, bool Facets)> search) =>
        kind.Select(q =>
        {
            var start = Stopwatch.GetTimestamp();
            search(q);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).ToArray();

    private static string Row(string label, double[] ms, string matches)
    {
        Array.Sort(ms);
        return $"| {label} | {ms.Length:N0} | {ms.Average():F2} ms | {Percentile(ms, 0.50):F2} ms | {Percentile(ms, 0.95):F2} ms | {Percentile(ms, 0.99):F2} ms | {matches} |";
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
