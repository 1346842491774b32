using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>
/// The most one word can add to a field's score in one segment, which lets <see cref="PrunedWordSearch"/> skip
/// documents that cannot reach the top. A word adds <c>weight·tf / (tf + lengthPart[norm])</c>, but the weight
/// (idf) and the length parts (the average length) change as the index grows: what is kept per segment is what
/// does not change, the word's highest frequency for each norm byte among its postings, and the bound is the
/// largest value of the formula itself over those few pairs. A word in a good share of the segment's documents
/// also keeps which documents have it, one bit each (<see cref="WordBound.Present"/>).
/// </summary>
/// <remarks>
/// <para>Kept by segment core, like <see cref="SegmentNorms"/>: postings never change, and a deleted document's
/// frequency only makes the bound looser, never wrong. A pass over the postings and the memory are worth it only
/// for words with many postings in the segment (<see cref="KeywordIndexOptions.ExactBoundMinimum"/>); a rarer
/// word's bound is its weight, which the formula never exceeds (<c>tf / (tf + lengthPart)</c> is below 1). Rare
/// words weigh the most, so they propose documents anyway and a loose bound costs little.</para>
/// <para>Why the bits: a query of a dozen words has several in a third or half of the papers, each with a small
/// bound, and those bounds added up reach the top hits' scores, so nearly any document one stronger word proposes
/// could still make it, and would be looked up in every weak list. With the bits a document's bound counts only
/// the weak words it has: at a million papers, whole-title queries looked up 178,000 documents each without
/// them. The bits cost at most <see cref="PresentShare"/> bits per posting: 125 KB for a word at a million papers.</para>
/// </remarks>
internal static class WordBounds
{
    /// <summary>From this share of a segment's documents on (one in 16), a word keeps which documents have it.</summary>
    public const int PresentShare = 16;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Field, string Text), Lazy<Summary>>> Cache = new();

    /// <summary>A norm byte (0 when the field has no norms) and the word's highest frequency in documents with it.</summary>
    private readonly record struct Peak(byte Norm, int Freq);

    private sealed record Summary(Peak[] Peaks, ulong[]? Present);

    /// <summary>
    /// The bound of <paramref name="term"/>, whose postings in <paramref name="reader"/> <paramref name="terms"/> is on:
    /// no document of the segment gets more than this from it (but for rounding, which the caller allows for).
    /// </summary>
    public static WordBound Of(AtomicReader reader, TermsEnum terms, Term term, float weight, byte[]? norms, float[] lengthParts, float k1,
        int exactMinimum)
    {
        if (terms.DocFreq < exactMinimum) return new WordBound(weight, null);
        var summary = Cache.GetValue(reader.CoreCacheKey, _ => new())
            .GetOrAdd((term.Field, term.Text), _ => new Lazy<Summary>(() => Summarise(terms, norms, reader.MaxDoc))).Value;
        var bound = 0f;
        foreach (var peak in summary.Peaks)
        {
            float tf = peak.Freq;
            var most = weight * tf / (tf + (norms is null ? k1 : lengthParts[peak.Norm]));
            if (most > bound) bound = most;
        }
        return new WordBound(bound, summary.Present);
    }

    private static Summary Summarise(TermsEnum terms, byte[]? norms, int maxDoc)
    {
        var highest = new int[256];
        var present = (long)terms.DocFreq * PresentShare >= maxDoc ? new ulong[(maxDoc + 63) >> 6] : null;
        // Deleted documents included: the bound and the bits then hold for every reader on this core.
        var docs = terms.Docs(null, null, DocsFlags.FREQS);
        for (var d = docs.NextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.NextDoc())
        {
            var norm = norms is null ? 0 : norms[d];
            if (docs.Freq > highest[norm]) highest[norm] = docs.Freq;
            if (present is not null) present[d >> 6] |= 1UL << d;
        }
        var peaks = new List<Peak>();
        for (var n = 0; n < highest.Length; n++)
            if (highest[n] > 0) peaks.Add(new Peak((byte)n, highest[n]));
        return new Summary([.. peaks], present);
    }
}

/// <summary>
/// A word's bound in a segment and, for a common word, which of the segment's documents have it (one bit each, by
/// document number); null means any may.
/// </summary>
internal readonly record struct WordBound(float Bound, ulong[]? Present)
{
    /// <summary>Whether document <paramref name="doc"/> of the segment may have the word.</summary>
    public bool MayHave(int doc) => Present is null || (Present[doc >> 6] & (1UL << doc)) != 0;
}
