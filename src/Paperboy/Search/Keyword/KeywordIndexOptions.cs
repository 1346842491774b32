namespace Paperboy.Search.Keyword;

/// <summary>
/// The ranking's knobs. The defaults were chosen by a grid on SciFact's training queries (k1 0.6 to 2, b 0.5 to 1,
/// title boost 1 to 1.5): the best, 0.692 nDCG@10, is k1 0.9, b 0.75, no title boost; the flat region around it
/// is within 0.005. Change them only with an evaluation (<c>paperboy eval beir</c>) to show for it.
/// </summary>
public sealed record KeywordIndexOptions
{
    /// <summary>BM25 term-frequency saturation: higher lets repeated words count for longer.</summary>
    public float K1 { get; init; } = 0.9f;

    /// <summary>BM25 length normalisation: 0 ignores a field's length, 1 divides by it fully.</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>
    /// How much more a word in the title counts than the same word in the abstract. Titles are short, so BM25's
    /// length normalisation already makes one title word outweigh one abstract word; on SciFact every boost above 1
    /// lost (1.1: -0.005 nDCG@10, 1.25: -0.009, 1.5: -0.019).
    /// </summary>
    public float TitleBoost { get; init; } = 1f;

    /// <summary>How much a plain word that names an author counts, next to the abstract.</summary>
    public float AuthorBoost { get; init; } = 1f;

    /// <summary>
    /// From how many documents a plain-word search splits its segments between cores (see <see cref="WordScorer"/>);
    /// below it one thread answers in a few milliseconds. Tests lower it to run the split on small indexes.
    /// </summary>
    internal int ParallelSearchMinimum { get; init; } = 200_000;

    /// <summary>
    /// From how many postings in a segment a word's bound for a search without a total is read from its postings and
    /// kept (see <see cref="WordBounds"/>); a rarer word's bound is its weight. Tests lower it to use both.
    /// </summary>
    internal int ExactBoundMinimum { get; init; } = 1024;
}
