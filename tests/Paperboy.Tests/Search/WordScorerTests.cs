using Paperboy.Search;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search;

/// <summary>
/// Plain-word queries are scored by Paperboy's own term-at-a-time scorer; Lucene's scorers run every other query.
/// Both must rank alike: same papers, same BM25 scores, same totals and facets.
/// </summary>
public class WordScorerTests
{
    private static readonly string[] Vocabulary =
    [
        "learning", "model", "models", "neural", "network", "graph", "language", "vision", "transformer", "attention",
        "protein", "folding", "rain", "forecast", "quantum", "circuit", "robot", "policy", "reward", "sparse", "dense",
        "retrieval", "search", "the", "of", "a", "for", "with", "zebra", "ontology", "galaxy", "lensing",
    ];

    private static readonly string[] Names = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Ada Turing", "Barbara Liskov"];
    private static readonly string[] Categories = ["cs.LG", "cs.CL", "cs.CV", "astro-ph.CO", "q-bio.BM", "quant-ph"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PlainWords_RankAsLuceneRanksThem_OverSegmentsAndReplacedPapers(bool segmentsInParallel)
    {
        var random = new Random(7);
        using var index = new KeywordTestIndex(new KeywordIndexOptions { ParallelSearchMinimum = segmentsInParallel ? 1 : int.MaxValue });
        // Several commits make several segments; replacing papers leaves deleted documents in the older ones.
        for (var round = 0; round < 5; round++)
        {
            foreach (var batch in Enumerable.Range(0, 600).Select(_ => Paper(random, random.Next(1, 2500))).DistinctBy(p => p.PaperId).Chunk(100))
                index.Index.Upsert(batch);
            index.Index.Commit(round + 1);
        }
        index.Index.Delete(Enumerable.Range(1, 100).Select(i => (long)i * 7));

        var queries = Enumerable.Range(0, 300).Select(_ => Query(random)).ToList();
        var compared = 0;
        foreach (var text in queries)
        {
            var query = SearchQuery.Parse(text);
            var facets = random.Next(2) == 0;
            var ours = index.Index.Search(query, 50, 0, facets, luceneScorers: false);
            var lucene = index.Index.Search(query, 50, 0, facets, luceneScorers: true);

            Assert.Equal(lucene.TotalHits, ours.TotalHits);
            Assert.Equal(lucene.Hits.Count, ours.Hits.Count);
            var theirs = lucene.Hits.ToDictionary(h => h.PaperId, h => h.Score);
            for (var i = 0; i < ours.Hits.Count; i++)
            {
                // Sums in another order differ in the last bits: ranks may swap only between near-equal scores.
                Assert.Equal(lucene.Hits[i].Score, ours.Hits[i].Score, 1e-4f * Math.Max(1, lucene.Hits[i].Score));
                if (theirs.TryGetValue(ours.Hits[i].PaperId, out var score))
                    Assert.Equal(score, ours.Hits[i].Score, 1e-4f * Math.Max(1, score));
                else
                    Assert.Equal(lucene.Hits[^1].Score, ours.Hits[i].Score, 1e-4f * Math.Max(1, score));
            }
            if (facets)
            {
                Assert.Equal(lucene.Facets!.Categories, ours.Facets!.Categories);
                Assert.Equal(lucene.Facets.Years, ours.Facets.Years);
            }
            if (ours.Hits.Count > 0) compared++;
        }
        // The comparison means something only if most queries found papers.
        Assert.True(compared > 250, $"{compared} of {queries.Count} queries found papers");
    }

    [Fact]
    public void PagesOfPlainWordResults_FollowOneAnother()
    {
        var random = new Random(3);
        using var index = new KeywordTestIndex(Enumerable.Range(1, 400).Select(i => Paper(random, i)).ToArray());
        var all = index.Ids("neural network learning", 100);
        var pages = Enumerable.Range(0, 10).SelectMany(p => index.Search("neural network learning", 10, p * 10).Hits.Select(h => h.PaperId)).ToArray();

        Assert.Equal(100, all.Length);
        Assert.Equal(all, pages);
    }

    private static SearchDocument Paper(Random random, long id) => KeywordTestIndex.Paper(id,
        Words(random, random.Next(3, 12)), Words(random, random.Next(20, 120)),
        Names.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray(),
        random.Next(50) == 0 ? ["hep-th"] : Categories.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray(),
        $"{random.Next(2019, 2026)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}");

    private static string Words(Random random, int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));

    private static string Query(Random random)
    {
        var words = Words(random, random.Next(1, 9));
        return random.Next(7) switch
        {
            0 => words + " category:cs",
            1 => words + " year:2021..2023",
            2 => words + " turing",
            // A category few papers have: the words' postings skip to its papers instead of being read through.
            3 => words + " category:hep-th",
            // One day (a digest's alert): few enough papers that scoring visits only them.
            4 => words + $" date:{random.Next(2019, 2026)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}",
            _ => words,
        };
    }
}
