using Paperboy.Search.Eval;

namespace Paperboy.Recommendations.Eval;

/// <summary>One method's figures: the mean over members of recall@20 and nDCG@20.</summary>
public sealed record MethodScore(string Method, double Recall, double Ndcg, int Users);

/// <summary>
/// Ranks each member's candidates with each method and scores the top <see cref="K"/> against what they went on to
/// submit. The methods are the baselines the issue names and Paperboy's own model (<see cref="InterestModel"/>).
/// </summary>
public sealed class RecommendEval(RecommendSet set, float[][] vectors, InterestSettings? settings = null)
{
    public const int K = 20;

    /// <summary>How many papers from before the split stand for "the rest" in a model trained on vectors.</summary>
    public const int BackgroundSize = 2_000;

    private readonly Dictionary<bool, (TfIdf TfIdf, SparseVector[] Documents)> _documents = [];

    /// <summary>The baselines, Paperboy's model, and the model's two main parts alone (what each adds).</summary>
    public static IReadOnlyList<string> Methods { get; } = ["popularity", "arxiv-sanity", "arxiv-sanity-authors", "centroid", "paperboy", "paperboy-content", "paperboy-authors"];

    public MethodScore Run(string method, IReadOnlyList<UserCase> cases)
    {
        Func<UserCase, float[]> scorer = method switch
        {
            "popularity" => Popularity,
            "arxiv-sanity" => u => ArxivSanity(u, withAuthors: false),
            "arxiv-sanity-authors" => u => ArxivSanity(u, withAuthors: true),
            "centroid" => Centroid,
            "paperboy" => u => Paperboy(u, settings ?? InterestSettings.Default),
            "paperboy-content" => u => Paperboy(u, (settings ?? InterestSettings.Default) with { AuthorWeight = 0 }),
            "paperboy-authors" => u => Paperboy(u, (settings ?? InterestSettings.Default) with { ContentWeight = 0 }),
            _ => throw new ArgumentException($"Unknown method '{method}'. Known: {string.Join(", ", Methods)}."),
        };
        var results = new (double Recall, double Ndcg)[cases.Count];
        Parallel.For(0, cases.Count, i => results[i] = Judge(cases[i], scorer(cases[i])));
        return new MethodScore(method, results.Average(r => r.Recall), results.Average(r => r.Ndcg), cases.Count);
    }

    private (double Recall, double Ndcg) Judge(UserCase user, float[] scores)
    {
        // Ties keep feed order (the candidates' own order), so a method that cannot tell papers apart gains nothing.
        var top = Enumerable.Range(0, user.Candidates.Length)
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(K)
            .Select(i => set.Papers[user.Candidates[i]].ArxivId).ToList();
        var judged = user.Relevant.ToDictionary(p => set.Papers[p].ArxivId, _ => 1, StringComparer.Ordinal);
        return (RetrievalMetrics.Recall(top, judged, K), RetrievalMetrics.Ndcg(top, judged, K));
    }

    /// <summary>Trending as the community saw it: the candidates by their upvotes.</summary>
    private float[] Popularity(UserCase user) => user.Candidates.Select(p => (float)set.Papers[p].Upvotes).ToArray();

    /// <summary>
    /// arxiv-sanity's recipe: tf-idf of title and abstract, a linear SVM with balanced class weights and C = 0.01,
    /// the member's papers against every other paper known at the split. arxiv-sanity-lite also puts the authors'
    /// names in each document (<paramref name="withAuthors"/>): the stronger baseline here, where shared authors say
    /// much.
    /// </summary>
    private float[] ArxivSanity(UserCase user, bool withAuthors)
    {
        var (tfidf, documents) = Documents(withAuthors);
        var liked = user.Liked.ToHashSet();
        var examples = user.Background.Select(p => (documents[p], liked.Contains(p), 1f)).ToList();
        var svm = LinearSvm.Train(examples, tfidf.Dimensions, 0.01, tolerance: 1e-4, maxIterations: 1000);
        return user.Candidates.Select(p => svm.Score(documents[p])).ToArray();
    }

    // The vocabulary and idf come from every paper, as arxiv-sanity fits them nightly on its whole library: no
    // label is used.
    private (TfIdf, SparseVector[]) Documents(bool withAuthors)
    {
        lock (_documents)
        {
            if (!_documents.TryGetValue(withAuthors, out var built))
            {
                var texts = set.Papers.Select(p => withAuthors ? $"{p.Title} {p.Abstract} {string.Join(' ', p.Authors)}" : $"{p.Title} {p.Abstract}").ToList();
                var tfidf = TfIdf.Fit(texts);
                _documents[withAuthors] = built = (tfidf, texts.Select(tfidf.Transform).ToArray());
            }
            return built;
        }
    }

    /// <summary>The mean of the member's paper vectors; candidates by cosine to it.</summary>
    private float[] Centroid(UserCase user)
    {
        var centroid = new float[vectors[0].Length];
        foreach (var p in user.Liked)
            for (var i = 0; i < centroid.Length; i++) centroid[i] += vectors[p][i];
        return user.Candidates.Select(p => Dot(centroid, vectors[p])).ToArray();
    }

    private float[] Paperboy(UserCase user, InterestSettings settings)
    {
        var liked = user.Liked.Reverse().Select(p => new LikedPaper(p, set.Papers[p].Title, vectors[p], set.Papers[p].Authors, SignalKind.Submitted)).ToList();
        var background = Sample(user.Background.Where(p => !user.Liked.Contains(p)).ToArray(), BackgroundSize, user.User)
            .Select(p => vectors[p]).ToList();
        var model = InterestModel.Train(liked, [], background, [], [], settings);
        return user.Candidates.Select(p => (float)model.Score(new Candidate(p, vectors[p], set.Papers[p].Authors, [], set.Papers[p].Upvotes))).ToArray();
    }

    /// <summary>A fixed random sample (seeded by the member), so runs repeat.</summary>
    private static int[] Sample(int[] pool, int size, string seed)
    {
        if (pool.Length <= size) return pool;
        var copy = (int[])pool.Clone();
        new Random(StableHash(seed)).Shuffle(copy);
        return copy[..size];
    }

    // string.GetHashCode differs from run to run; FNV-1a does not.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text) hash = (hash ^ ch) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
