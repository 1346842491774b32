using Microsoft.EntityFrameworkCore;
using Paperboy.Bench.Search;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Search;

namespace Paperboy.Bench.Digests;

/// <summary>
/// Subscribers of mixed kinds, a quarter each: trending only; trending and 1-3 categories; 1-2 saved searches;
/// 1-3 followed authors. Categories, searches and authors come from papers drawn at random from the database, so
/// popular categories are followed more; searches (2-3 title words) and authors come from pools of a given size,
/// since subscribers share interests: the number of distinct alerts, not of subscribers, is what the index pays for.
/// Deterministic for a seed.
/// </summary>
public static class DigestSubscribers
{
    public const string Origin = "https://papers.example.org";

    public sealed record Mix(List<DigestRecipient> Recipients, int Categories, int Searches, int Authors);

    public static async Task<Mix> CreateAsync(AppDbContext db, int count, int searchPool, int authorPool, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var sample = await SampleAsync(db, Math.Max(searchPool, authorPool) + 1_000, random, ct);
        if (sample.Count == 0) throw new InvalidOperationException("the database has no papers: import a corpus first");
        var searches = QueryWorkload.Create(sample, Math.Max(1, searchPool), seed).Where(q => q.Kind == "2-3 title words")
            .Select(q => q.Text).Distinct().ToList();
        var authors = sample.SelectMany(p => p.Authors).Distinct().OrderBy(_ => random.Next()).Take(Math.Max(1, authorPool)).ToList();
        var withCategories = sample.Where(p => p.Categories.Count > 0).ToList();

        var recipients = new List<DigestRecipient>(count);
        for (var i = 0; i < count; i++)
        {
            List<string> categories = [], saved = [], followed = [];
            var trending = false;
            switch (random.Next(4))
            {
                case 0:
                    trending = true;
                    break;
                case 1:
                    trending = true;
                    categories = Draw(random, 1, 3, () => { var p = withCategories[random.Next(withCategories.Count)]; return p.Categories[random.Next(p.Categories.Count)]; });
                    break;
                case 2:
                    saved = Draw(random, 1, 2, () => searches[random.Next(searches.Count)]);
                    break;
                default:
                    followed = Draw(random, 1, 3, () => authors[random.Next(authors.Count)]);
                    break;
            }
            recipients.Add(new DigestRecipient($"reader{i}@example.org", trending, categories, saved, followed, false,
                $"{Origin}/digest/manage/{i}", $"{Origin}/digest/unsubscribe/{i}", $"digest.{i}@papers.example.org"));
        }
        return new Mix(recipients, recipients.SelectMany(r => r.Categories).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            recipients.SelectMany(r => r.Searches).Distinct().Count(), recipients.SelectMany(r => r.Authors).Distinct().Count());
    }

    private static List<string> Draw(Random random, int min, int max, Func<string> one) =>
        Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => one()).Distinct().ToList();

    /// <summary>Papers at random row ids, read in chunks, as the search benchmarks see them.</summary>
    private static async Task<List<SearchDocument>> SampleAsync(AppDbContext db, int count, Random random, CancellationToken ct)
    {
        var max = await db.Papers.MaxAsync(p => (long?)p.Id, ct) ?? 0;
        if (max == 0) return [];
        var ids = Enumerable.Range(0, count).Select(_ => random.NextInt64(1, max + 1)).Distinct().ToList();
        var papers = new List<SearchDocument>(ids.Count);
        foreach (var chunk in ids.Chunk(1_000))
        {
            var rows = await db.Papers.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.ArxivId, p.Title, p.Authors, p.Categories, p.PublishedAt }).ToListAsync(ct);
            papers.AddRange(rows.Select(p => new SearchDocument(p.Id, p.ArxivId, p.Title, "", p.Authors, p.Categories, p.PublishedAt, false, 0)));
        }
        return papers;
    }
}
