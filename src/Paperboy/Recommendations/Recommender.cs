using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Indexing;

namespace Paperboy.Recommendations;

/// <summary>
/// Personal picks: trains a member's <see cref="InterestModel"/> from their signals (kept until a signal changes)
/// and ranks papers with it. Papers the member already liked, marked "not interested", or a moderator hid are never
/// picked.
/// </summary>
/// <remarks>
/// Over a span of feed days every paper on the feed is scored. Over the whole library the content part is a
/// linear function of the embedding, so the best papers by it come from one scan of the vector index with the
/// model's weights as the query; papers by the member's authors are added from the keyword index, and the union
/// is scored in full.
/// </remarks>
public sealed class Recommender(SearchIndexes indexes, IMemoryCache cache, RecommendationOptions options)
{
    /// <summary>How many of the authors a member likes most bring in their papers, over the whole library.</summary>
    private const int AuthorsSearched = 8;

    /// <summary>
    /// The member's model, trained again when their signals changed or more of their papers have vectors since.
    /// One entry per member: a new state replaces the old, so toggling signals cannot pile models up.
    /// </summary>
    public async Task<InterestModel> ModelAsync(AppDbContext db, UserSignals signals, CancellationToken ct)
    {
        var key = (nameof(InterestModel), signals.UserId);
        var state = $"{indexes.Model}:{signals.Positives.Count(p => indexes.Vectors.Contains(p.PaperId))}:" +
            $"{signals.NotInterested.Count(indexes.Vectors.Contains)}:{signals.Fingerprint}";
        if (cache.TryGetValue(key, out (string State, InterestModel Model) cached) && cached.State == state) return cached.Model;
        var model = await TrainAsync(db, signals, ct);
        cache.Set(key, (state, model), new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(options.KeepMinutes) });
        return model;
    }

    /// <summary>Trains without the cache: reads the liked papers' authors and titles, and every vector from memory.</summary>
    public async Task<InterestModel> TrainAsync(AppDbContext db, UserSignals signals, CancellationToken ct)
    {
        var ids = signals.Positives.Select(p => p.PaperId).ToList();
        var papers = ids.Count == 0 ? [] : await db.Papers.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Authors }).ToDictionaryAsync(p => p.Id, ct);
        var liked = signals.Positives.OrderByDescending(p => p.At).Where(p => papers.ContainsKey(p.PaperId))
            .Select(p => new LikedPaper(p.PaperId, papers[p.PaperId].Title, indexes.Vectors.Get(p.PaperId) ?? [],
                papers[p.PaperId].Authors, p.Kind))
            .ToList();
        var disliked = signals.NotInterested.Select(indexes.Vectors.Get).OfType<float[]>().ToList();
        // The same member draws the same background, so their picks do not shuffle between two identical requests.
        var known = signals.Positives.Select(p => p.PaperId).Concat(signals.NotInterested).ToHashSet();
        var background = liked.Any(l => l.Vector.Length > 0)
            ? indexes.Vectors.Sample(options.BackgroundPapers, (int)(signals.UserId & int.MaxValue))
                .Where(s => !known.Contains(s.PaperId)).Select(s => s.Vector).ToList()
            : [];
        return InterestModel.Train(liked, disliked, background, signals.Authors, signals.Categories);
    }

    /// <summary>The member's best <paramref name="count"/> papers in <paramref name="scope"/>, best first.</summary>
    public async Task<List<Pick>> PickAsync(AppDbContext db, UserSignals signals, PickScope scope, int count, CancellationToken ct)
    {
        var model = await ModelAsync(db, signals, ct);
        if (model.IsEmpty || count <= 0) return [];
        var excluded = signals.Positives.Select(p => p.PaperId).Concat(signals.NotInterested).ToHashSet();
        var candidates = scope.IsEverything
            ? await LibraryCandidatesAsync(db, model, excluded, count, ct)
            : await FeedCandidatesAsync(db, scope, excluded, ct);
        return candidates.Where(model.Knows).Select(c => (Paper: c, Score: model.Score(c)))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Paper.PaperId)
            .Take(count)
            .Select(s => new Pick(s.Paper.PaperId, s.Score, model.Explain(s.Paper)))
            .ToList();
    }

    private async Task<List<Candidate>> FeedCandidatesAsync(AppDbContext db, PickScope scope, HashSet<long> excluded, CancellationToken ct)
    {
        var rows = await (
            from e in db.DailyEntries.AsNoTracking()
            where e.Day >= scope.From && e.Day <= scope.To && e.HiddenAt == null
            join p in db.Papers.AsNoTracking() on e.PaperId equals p.Id
            select new { p.Id, p.Authors, p.Categories, Upvotes = e.Upvotes + e.LocalUpvotes }).ToListAsync(ct);
        return rows.Where(r => !excluded.Contains(r.Id))
            .Select(r => new Candidate(r.Id, indexes.Vectors.Get(r.Id) ?? [], r.Authors, r.Categories, r.Upvotes)).ToList();
    }

    private async Task<List<Candidate>> LibraryCandidatesAsync(AppDbContext db, InterestModel model, HashSet<long> excluded,
        int count, CancellationToken ct)
    {
        var ids = new HashSet<long>();
        if (model.Content is { } content)
            foreach (var hit in indexes.Vectors.Search(content.Weights, count * 4, id => !excluded.Contains(id), exact: true))
                ids.Add(hit.PaperId);
        if (indexes.KeywordOrNull() is { } words)
        {
            foreach (var author in model.TopAuthors(AuthorsSearched))
            {
                var query = SearchQuery.Parse($"author:\"{author.Replace("\"", "", StringComparison.Ordinal)}\"");
                foreach (var hit in words.Search(query, count).Hits)
                    if (!excluded.Contains(hit.PaperId)) ids.Add(hit.PaperId);
            }
            // Filters alone list the newest papers first: a new member who only chose categories sees what is new there.
            foreach (var category in model.Categories)
                foreach (var hit in words.Search(SearchQuery.Parse($"category:{category}"), count).Hits)
                    if (!excluded.Contains(hit.PaperId)) ids.Add(hit.PaperId);
        }
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var rows = await (
            from p in db.Papers.AsNoTracking()
            where list.Contains(p.Id)
            join e in db.DailyEntries.AsNoTracking() on p.Id equals e.PaperId into entries
            from e in entries.DefaultIfEmpty()
            where e == null || e.HiddenAt == null
            select new { p.Id, p.Authors, p.Categories, Upvotes = e == null ? 0 : e.Upvotes + e.LocalUpvotes }).ToListAsync(ct);
        return rows.Select(r => new Candidate(r.Id, indexes.Vectors.Get(r.Id) ?? [], r.Authors, r.Categories, r.Upvotes)).ToList();
    }
}
