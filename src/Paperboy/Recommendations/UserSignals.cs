namespace Paperboy.Recommendations;

/// <summary>Why a paper counts as one a member likes.</summary>
public enum SignalKind
{
    Upvoted,
    Saved,
    Submitted,
    /// <summary>Picked as an example of what they want, when they signed up.</summary>
    Example,
}

/// <summary>One paper a member showed they like, how, and when (the latest time if several ways).</summary>
public readonly record struct PaperSignal(long PaperId, SignalKind Kind, DateTime At);

/// <summary>
/// Everything a member's recommendations learn from: the papers they like, the papers they said they are not
/// interested in, and the authors and arXiv categories they follow. Read fresh for each recommendation; the model
/// trained from it is cached under <see cref="Fingerprint"/>.
/// </summary>
public sealed record UserSignals(
    long UserId,
    IReadOnlyList<PaperSignal> Positives,
    IReadOnlyList<long> NotInterested,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Categories)
{
    public static UserSignals None(long userId) => new(userId, [], [], [], []);

    public bool IsEmpty => Positives.Count == 0 && Authors.Count == 0 && Categories.Count == 0;

    /// <summary>Changes whenever any signal does, so a cached model is retrained only when it must be.</summary>
    public string Fingerprint
    {
        get
        {
            var hash = new HashCode();
            foreach (var p in Positives.OrderBy(p => p.PaperId)) { hash.Add(p.PaperId); hash.Add(p.Kind); }
            hash.Add(-1);
            foreach (var n in NotInterested.Order()) hash.Add(n);
            hash.Add(-2);
            foreach (var a in Authors.Order(StringComparer.Ordinal)) hash.Add(a, StringComparer.Ordinal);
            hash.Add(-3);
            foreach (var c in Categories.Order(StringComparer.Ordinal)) hash.Add(c, StringComparer.Ordinal);
            return $"{UserId}:{Positives.Count}:{NotInterested.Count}:{hash.ToHashCode():x8}";
        }
    }
}
