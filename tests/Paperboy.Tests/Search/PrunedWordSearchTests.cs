using Paperboy.Search;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search;

/// <summary>
/// A search that need not count its matches skips those that cannot make the page (<see cref="PrunedWordSearch"/>):
/// it must still return exactly what counting every match returns, the same papers in the same order with the same
/// scores, ties included.
/// </summary>
public class PrunedWordSearchTests
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pu", "da", "fe"];
    private static readonly string[] Categories = ["cs.LG", "cs.CL", "cs.CV", "astro-ph.CO", "q-bio.BM", "quant-ph", "hep-th", "math.AG"];
    private static readonly string[] Families = ["Lovelace", "Turing", "Hopper", "Liskov", "Knuth", "Dijkstra", "Hamilton", "Noether"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WithoutTotal_SameHitsOrderAndScoresAsCountingEveryMatch(bool rangesInParallel)
    {
        var random = new Random(rangesInParallel ? 11 : 5);
        // Words drawn Zipf-like, so a few are in most papers (long postings, bounds from WordBounds) and most are rare.
        var vocabulary = Enumerable.Range(0, 1500).Select(Word).Distinct().ToArray();
        var zipf = Zipf(vocabulary.Length, 1.05);
        // Common words' bounds read from their postings, rare words' from their weight.
        using var index = new KeywordTestIndex(new KeywordIndexOptions
            { ParallelSearchMinimum = rangesInParallel ? 1 : int.MaxValue, ExactBoundMinimum = 50 });
        var papers = new List<SearchDocument>();
        // Several commits make several segments; papers replaced and deleted leave deleted documents in them.
        foreach (var (round, size) in new[] { 1600, 500, 500 }.Index())
        {
            var batch = Enumerable.Range(0, size).Select(_ => Paper(random, papers, vocabulary, zipf, random.Next(1, 4000))).DistinctBy(p => p.PaperId).ToArray();
            papers.AddRange(batch);
            index.Index.Upsert(batch);
            index.Index.Commit(round + 1);
        }
        index.Index.Delete(Enumerable.Range(0, 200).Select(_ => (long)random.Next(1, 4000)));

        var compared = 0;
        for (var q = 0; q < 250; q++)
        {
            // Common words only (every list long, its bound kept per segment), Zipf-drawn ones, or some rare ones too.
            var kind = random.Next(3);
            var words = Enumerable.Range(0, random.Next(1, 13)).Select(_ => kind switch
            {
                0 => vocabulary[random.Next(12)],
                1 => vocabulary[Draw(random, zipf)],
                _ => random.Next(3) == 0 ? vocabulary[random.Next(vocabulary.Length)] : vocabulary[Draw(random, zipf)],
            });
            var query = SearchQuery.Parse(string.Join(' ', words) + Filter(random));
            foreach (var limit in (int[])[1, 20, 200])
            {
                var offset = random.Next(5) == 0 ? random.Next(1, 30) : 0;
                var counted = index.Index.Search(query, limit, offset, exactTotal: true);
                var pruned = index.Index.Search(query, limit, offset, exactTotal: false);

                Assert.Null(pruned.TotalHits);
                Assert.Equal(Describe(counted.Hits), Describe(pruned.Hits));
                if (counted.Hits.Count > 0) compared++;
            }
        }
        // The comparison means something only if most queries found papers.
        Assert.True(compared > 580, $"{compared} of 750 searches found papers");
    }

    [Fact]
    public void FacetsOrTotalAsked_CountEveryMatch()
    {
        using var index = new KeywordTestIndex(Enumerable.Range(1, 30)
            .Select(i => KeywordTestIndex.Paper(i, $"graph {(i % 3 == 0 ? "networks" : "methods")}", categories: ["cs.LG"])).ToArray());
        var query = SearchQuery.Parse("graph networks");

        Assert.Equal(30, index.Index.Search(query, 5).TotalHits);
        Assert.Equal(30, index.Index.Search(query, 5, facets: true, exactTotal: false).TotalHits);
        Assert.Null(index.Index.Search(query, 5, exactTotal: false).TotalHits);
    }

    /// <summary>Each hit as id and score, the score's exact bits included.</summary>
    private static string[] Describe(IReadOnlyList<KeywordHit> hits) =>
        hits.Select(h => $"{h.PaperId}:{BitConverter.SingleToInt32Bits(h.Score):x8}").ToArray();

    private static string Filter(Random random) => random.Next(8) switch
    {
        0 => $" category:{Categories[random.Next(Categories.Length)]}",
        1 => $" year:{random.Next(2019, 2022)}..{random.Next(2022, 2026)}",
        2 => $" author:{Families[random.Next(Families.Length)]}",
        // One day: few papers, so the postings skip from one to the next.
        3 => $" date:{random.Next(2019, 2026)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}",
        _ => "",
    };

    private static SearchDocument Paper(Random random, List<SearchDocument> earlier, string[] vocabulary, double[] zipf, long id)
    {
        // Now and then the same text as an earlier paper: equal scores, which the document order must break alike.
        if (earlier.Count > 0 && random.Next(20) == 0)
            return earlier[random.Next(earlier.Count)] with { PaperId = id, ArxivId = $"2501.{id:D5}", ChangeNumber = id };
        string Text(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => vocabulary[Draw(random, zipf)]));
        return KeywordTestIndex.Paper(id, Text(random.Next(2, 16)), Text(random.Next(5, 120)),
            Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{Word(random.Next(40))} {Families[random.Next(Families.Length)]}").ToArray(),
            Categories.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray(),
            $"{random.Next(2019, 2026)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}");
    }

    /// <summary>A made-up word, the same for the same number, that English analysis leaves alone but for stemming.</summary>
    private static string Word(int n)
    {
        var word = "";
        do
        {
            word += Syllables[n % Syllables.Length];
            n /= Syllables.Length;
        } while (n > 0);
        return word + "x";
    }

    /// <summary>Cumulative probabilities of ranks 1..n with weight 1 / rank^s.</summary>
    private static double[] Zipf(int n, double s)
    {
        var cumulative = new double[n];
        var total = 0.0;
        for (var r = 0; r < n; r++) cumulative[r] = total += 1 / Math.Pow(r + 1, s);
        for (var r = 0; r < n; r++) cumulative[r] /= total;
        return cumulative;
    }

    private static int Draw(Random random, double[] cumulative)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}
