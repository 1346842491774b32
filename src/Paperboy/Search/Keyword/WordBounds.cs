using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>
/// The most one word can add to a field's score in one segment, which lets <see cref="PrunedWordRange"/> skip
/// documents that cannot reach the top. A word adds <c>weight·tf / (tf + lengthPart[norm])</c>, but the weight
/// (idf) and the length parts (the average length) change as the index grows: what is kept per segment is what
/// does not change, the word's highest frequency for each norm byte among its postings, and the bound is the
/// largest value of the formula itself over those few pairs.
/// </summary>
/// <remarks>
/// Kept by segment core, like <see cref="SegmentNorms"/>: postings never change, and a deleted document's
/// frequency only makes the bound looser, never wrong. A pass over the postings and the memory are worth it only
/// for words with many postings in the segment (<see cref="KeywordIndexOptions.ExactBoundMinimum"/>); a rarer
/// word's bound is its weight, which the formula never exceeds (<c>tf / (tf + lengthPart)</c> is below 1). Rare
/// words weigh the most, so they propose documents anyway and a loose bound costs little.
/// </remarks>
internal static class WordBounds
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Field, string Text), Lazy<Peak[]>>> Cache = new();

    /// <summary>A norm byte (0 when the field has no norms) and the word's highest frequency in documents with it.</summary>
    private readonly record struct Peak(byte Norm, int Freq);

    /// <summary>
    /// The bound of <paramref name="term"/>, whose postings in <paramref name="reader"/> <paramref name="terms"/> is on:
    /// no document of the segment gets more than this from it (but for rounding, which the caller allows for).
    /// </summary>
    public static float Of(AtomicReader reader, TermsEnum terms, Term term, float weight, byte[]? norms, float[] lengthParts, float k1,
        int exactMinimum)
    {
        if (terms.DocFreq < exactMinimum) return weight;
        var peaks = Cache.GetValue(reader.CoreCacheKey, _ => new())
            .GetOrAdd((term.Field, term.Text), _ => new Lazy<Peak[]>(() => Peaks(terms, norms))).Value;
        var bound = 0f;
        foreach (var peak in peaks)
        {
            float tf = peak.Freq;
            var most = weight * tf / (tf + (norms is null ? k1 : lengthParts[peak.Norm]));
            if (most > bound) bound = most;
        }
        return bound;
    }

    private static Peak[] Peaks(TermsEnum terms, byte[]? norms)
    {
        var highest = new int[256];
        // Deleted documents included: the bound then holds for every reader on this core.
        var docs = terms.Docs(null, null, DocsFlags.FREQS);
        for (var d = docs.NextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.NextDoc())
        {
            var norm = norms is null ? 0 : norms[d];
            if (docs.Freq > highest[norm]) highest[norm] = docs.Freq;
        }
        var peaks = new List<Peak>();
        for (var n = 0; n < highest.Length; n++)
            if (highest[n] > 0) peaks.Add(new Peak((byte)n, highest[n]));
        return [.. peaks];
    }
}
