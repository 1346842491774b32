using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Paperboy.Search.Keyword;

/// <summary>
/// Lucene's BM25, with the pieces of its formula opened to <see cref="WordScorer"/>, which scores plain words
/// without Lucene's scorers and must give the same numbers.
/// </summary>
internal sealed class PaperSimilarity(float k1, float b) : BM25Similarity(k1, b)
{
    /// <summary>BM25's idf, as Lucene's term weight computes it from the index-wide statistics.</summary>
    public float IdfOf(long docFreq, long maxDoc) => Idf(docFreq, maxDoc);

    /// <summary>
    /// For each norm byte, the length part of BM25's denominator, <c>k1·(1 − b + b·length / average length)</c>: a
    /// word's score in a document is <c>weight·(k1 + 1)·tf / (tf + lengthPart[norm])</c>.
    /// </summary>
    public float[] LengthParts(CollectionStatistics field)
    {
        var average = AvgFieldLength(field);
        var parts = new float[256];
        for (var i = 0; i < parts.Length; i++) parts[i] = K1 * ((1 - B) + B * DecodeNormValue((byte)i) / average);
        return parts;
    }
}
