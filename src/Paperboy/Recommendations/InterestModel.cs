using System.Numerics.Tensors;

namespace Paperboy.Recommendations;

/// <summary>A paper a member liked, as the model learns from it. <see cref="Vector"/> is empty until it is embedded.</summary>
public sealed record LikedPaper(long PaperId, string Title, float[] Vector, IReadOnlyList<string> Authors, SignalKind Kind);

/// <summary>A paper the model may recommend.</summary>
public sealed record Candidate(long PaperId, float[] Vector, IReadOnlyList<string> Authors, IReadOnlyList<string> Categories, int Upvotes);

/// <summary>What a model is told to learn, and how much each part counts (chosen on the evaluation's validation split).</summary>
public sealed record InterestSettings
{
    /// <summary>
    /// The content model's cost of a margin error (<see cref="LinearSvm"/>). 0.01, 0.1 and 1 scored within 0.003
    /// of each other on validation; the smallest trains fastest.
    /// </summary>
    public double C { get; init; } = 0.01;

    /// <summary>Weight of the content part (0 leaves it out: the evaluation's "authors alone").</summary>
    public float ContentWeight { get; init; } = 1;

    /// <summary>How much more a "not interested" counts than a background paper.</summary>
    public float NotInterestedWeight { get; init; } = 4;

    /// <summary>
    /// Weight of the author part: ln(1 + affinity of the paper's authors). On validation 2 and 4 were best (recall@20
    /// 0.87 against 0.83-0.86 at 1 and 0.86-0.87 at 8).
    /// </summary>
    public double AuthorWeight { get; init; } = 2;

    /// <summary>A followed author counts as this many liked papers by them alone.</summary>
    public float FollowedAuthor { get; init; } = 3;

    /// <summary>Added when the paper is in a followed category.</summary>
    public double CategoryWeight { get; init; } = 0.3;

    /// <summary>
    /// Weight of ln(1 + upvotes). Off: on validation any weight made picks worse (0.05 cost 0.002 recall@20, 0.2
    /// cost 0.018); members submit what they care about, not what is popular.
    /// </summary>
    public double PopularityWeight { get; init; } = 0;

    public static InterestSettings Default { get; } = new();
}

/// <summary>
/// A member's taste: a linear model over paper embeddings (liked papers against background papers and those marked
/// "not interested"), an affinity for the authors of what they liked and follow, the categories they follow, and a
/// little of the community's taste. A paper's score is the sum of the parts; <see cref="Explain"/> says which part
/// chose it.
/// </summary>
public sealed class InterestModel
{
    private readonly Dictionary<string, float> _authors;
    private readonly List<string> _followedAuthors;
    private readonly Dictionary<string, LikedPaper> _likedByAuthor;
    private readonly HashSet<string> _categories;

    private InterestModel(LinearSvm? content, Dictionary<string, float> authors, List<string> followedAuthors,
        Dictionary<string, LikedPaper> likedByAuthor, HashSet<string> categories, IReadOnlyList<LikedPaper> liked, InterestSettings settings)
    {
        Content = content;
        _authors = authors;
        _followedAuthors = followedAuthors;
        _likedByAuthor = likedByAuthor;
        _categories = categories;
        Liked = liked;
        Settings = settings;
    }

    /// <summary>The content part, or null when nothing liked has a vector yet.</summary>
    public LinearSvm? Content { get; }
    public IReadOnlyList<LikedPaper> Liked { get; }
    public InterestSettings Settings { get; }

    /// <summary>True when the model knows nothing yet: no liked paper, no followed author or category.</summary>
    public bool IsEmpty => Content is null && _authors.Count == 0 && _followedAuthors.Count == 0 && _categories.Count == 0;

    /// <param name="liked">What the member liked, newest first; papers without a vector yet still count for their authors.</param>
    /// <param name="notInterested">Vectors of papers the member said they are not interested in.</param>
    /// <param name="background">Vectors of papers picked without regard to the member: what "the rest" looks like.</param>
    public static InterestModel Train(IReadOnlyList<LikedPaper> liked, IReadOnlyList<float[]> notInterested,
        IReadOnlyList<float[]> background, IEnumerable<string> followedAuthors, IEnumerable<string> followedCategories,
        InterestSettings? settings = null)
    {
        settings ??= InterestSettings.Default;
        LinearSvm? content = null;
        var withVectors = liked.Where(l => l.Vector.Length > 0).ToList();
        if (withVectors.Count > 0)
        {
            var examples = new List<(SparseVector, bool, float)>(withVectors.Count + notInterested.Count + background.Count);
            examples.AddRange(withVectors.Select(l => (SparseVector.Dense(l.Vector), true, 1f)));
            examples.AddRange(notInterested.Where(v => v.Length == withVectors[0].Vector.Length)
                .Select(v => (SparseVector.Dense(v), false, settings.NotInterestedWeight)));
            examples.AddRange(background.Select(v => (SparseVector.Dense(v), false, 1f)));
            content = LinearSvm.Train(examples, withVectors[0].Vector.Length, settings.C, tolerance: 1e-3, maxIterations: 100);
        }

        // An author of a many-author paper is a weaker sign than the only author of one.
        var authors = new Dictionary<string, float>(StringComparer.Ordinal);
        var likedByAuthor = new Dictionary<string, LikedPaper>(StringComparer.Ordinal);
        foreach (var paper in liked)
            foreach (var name in paper.Authors)
            {
                var key = FollowTarget.KeyOf(name);
                if (key.Length == 0) continue;
                authors[key] = authors.GetValueOrDefault(key) + 1f / MathF.Sqrt(paper.Authors.Count);
                likedByAuthor.TryAdd(key, paper);
            }
        var followed = followedAuthors.Select(FollowTarget.KeyOf).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var categories = followedCategories.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new InterestModel(content, authors, followed, likedByAuthor, categories, liked, settings);
    }

    /// <summary>The authors the member likes most (as compared: folded, lower case), most liked first.</summary>
    public IEnumerable<string> TopAuthors(int count) =>
        _followedAuthors.Concat(_authors.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key))
            .Distinct(StringComparer.Ordinal).Take(count);

    public IReadOnlyCollection<string> Categories => _categories;

    /// <summary>The content part: where the paper falls between what the member liked and the rest.</summary>
    /// <remarks>A paper not embedded yet scores as an empty vector would (the bias alone), neither above nor below the rest
    /// by accident.</remarks>
    public float ContentScore(ReadOnlySpan<float> vector) =>
        Content is null ? 0
            : Settings.ContentWeight * ((vector.Length == Content.Weights.Length ? TensorPrimitives.Dot(Content.Weights, vector) : 0) + Content.Bias);

    /// <summary>
    /// Whether the model has anything to say about the paper: its content (liked papers and the paper both have
    /// vectors), an author, or a followed category. A member who follows one category is shown nothing else.
    /// </summary>
    public bool Knows(Candidate paper) =>
        (Content is not null && paper.Vector.Length == Content.Weights.Length)
        || AuthorScore(paper.Authors) > 0 || CategoryScore(paper.Categories) > 0;

    /// <summary>
    /// The author part: each author's share of the liked papers, and a followed author's weight for each author a
    /// follow names (read as the search reads <c>author:</c>, so following "hinton" follows Geoffrey Hinton).
    /// </summary>
    public double AuthorScore(IReadOnlyList<string> authors)
    {
        if (_authors.Count == 0 && _followedAuthors.Count == 0) return 0;
        var sum = 0f;
        foreach (var name in authors)
        {
            sum += _authors.GetValueOrDefault(FollowTarget.KeyOf(name));
            if (FollowedBy(name) is not null) sum += Settings.FollowedAuthor;
        }
        return Settings.AuthorWeight * Math.Log(1 + sum);
    }

    private string? FollowedBy(string author)
    {
        foreach (var key in _followedAuthors)
            if (FollowTarget.AuthorMatches(key, author)) return key;
        return null;
    }

    public double CategoryScore(IReadOnlyList<string> categories) => FollowedCategory(categories) is null ? 0 : Settings.CategoryWeight;

    public double Score(Candidate paper) =>
        ContentScore(paper.Vector) + AuthorScore(paper.Authors) + CategoryScore(paper.Categories)
        + Settings.PopularityWeight * Math.Log(1 + Math.Max(0, paper.Upvotes));

    /// <summary>Why this paper: the part of the model that speaks for it most plainly.</summary>
    public Reason Explain(Candidate paper)
    {
        foreach (var name in paper.Authors)
            if (FollowedBy(name) is not null) return new Reason(ReasonKind.FollowedAuthor, name, null);
        var nearest = Nearest(paper.Vector);
        // A shared author is the plainer reason unless the content match is close.
        if (nearest.Similarity < 0.85)
            foreach (var name in paper.Authors)
                if (_likedByAuthor.TryGetValue(FollowTarget.KeyOf(name), out var liked)) return new Reason(ReasonKind.LikedAuthor, name, liked);
        if (nearest.Paper is not null && (nearest.Similarity >= 0.6 || FollowedCategory(paper.Categories) is null))
            return new Reason(ReasonKind.LikePaper, null, nearest.Paper);
        if (FollowedCategory(paper.Categories) is { } category) return new Reason(ReasonKind.FollowedCategory, category, null);
        return new Reason(ReasonKind.Popular, null, null);
    }

    private string? FollowedCategory(IReadOnlyList<string> categories)
    {
        if (_categories.Count == 0) return null;
        foreach (var c in categories)
        {
            if (_categories.Contains(c)) return c;
            // Following "cs" follows every cs.* category.
            var archive = c.Split('.')[0];
            if (_categories.Contains(archive)) return archive;
        }
        return null;
    }

    private (LikedPaper? Paper, float Similarity) Nearest(float[] vector)
    {
        LikedPaper? best = null;
        var bestSimilarity = float.NegativeInfinity;
        if (vector.Length == 0) return (null, 0);
        foreach (var liked in Liked)
        {
            if (liked.Vector.Length != vector.Length) continue;
            var similarity = TensorPrimitives.Dot(liked.Vector, vector);
            if (similarity > bestSimilarity) (best, bestSimilarity) = (liked, similarity);
        }
        return (best, best is null ? 0 : bestSimilarity);
    }
}

public enum ReasonKind { FollowedAuthor, LikedAuthor, LikePaper, FollowedCategory, Popular }

/// <summary>Why a paper was picked: an author, a category, or a liked paper it is like.</summary>
public sealed record Reason(ReasonKind Kind, string? Subject, LikedPaper? Liked)
{
    public string Text => Kind switch
    {
        ReasonKind.FollowedAuthor => $"By {Subject}, whom you follow",
        ReasonKind.LikedAuthor => $"By {Subject}, as “{Liked!.Title}”, which you {Verb(Liked.Kind)}",
        ReasonKind.LikePaper => $"Like “{Liked!.Title}”, which you {Verb(Liked.Kind)}",
        ReasonKind.FollowedCategory => $"New in {Subject}, which you follow",
        _ => "Popular with the community",
    };

    private static string Verb(SignalKind kind) => kind switch
    {
        SignalKind.Upvoted => "upvoted",
        SignalKind.Saved => "saved",
        SignalKind.Submitted => "submitted",
        _ => "picked as an example",
    };
}
