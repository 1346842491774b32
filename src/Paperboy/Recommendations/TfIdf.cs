using System.Text.RegularExpressions;
using Paperboy.Search.Embeddings;

namespace Paperboy.Recommendations;

/// <summary>
/// Term frequency-inverse document frequency vectors of texts, as arxiv-sanity computes them with scikit-learn's
/// <c>TfidfVectorizer</c>: accents stripped, lower case, words of two or more letters and digits (starting with a
/// letter), English stop words removed, words and pairs of words, terms in at least <c>minDf</c> documents and
/// at most <c>maxDf</c> of them, the <c>maxFeatures</c> most frequent kept, sublinear term frequency
/// (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1), unit length.
/// </summary>
public sealed partial class TfIdf
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly float[] _idf;

    private TfIdf(Dictionary<string, int> vocabulary, float[] idf)
    {
        _vocabulary = vocabulary;
        _idf = idf;
    }

    public int Dimensions => _idf.Length;

    /// <summary>Learns the vocabulary and idf from <paramref name="texts"/>.</summary>
    public static TfIdf Fit(IReadOnlyList<string> texts, int minDf = 5, double maxDf = 0.1, int maxFeatures = 20_000)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var term in Terms(text))
            {
                total[term] = total.GetValueOrDefault(term) + 1;
                if (seen.Add(term)) df[term] = df.GetValueOrDefault(term) + 1;
            }
        }
        var maxCount = maxDf * texts.Count;
        var kept = df.Where(t => t.Value >= minDf && t.Value <= maxCount)
            .OrderByDescending(t => total[t.Key]).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(maxFeatures)
            .Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        var vocabulary = kept.Select((term, i) => (term, i)).ToDictionary(t => t.term, t => t.i, StringComparer.Ordinal);
        var idf = kept.Select(t => (float)(Math.Log((1.0 + texts.Count) / (1.0 + df[t])) + 1)).ToArray();
        return new TfIdf(vocabulary, idf);
    }

    public SparseVector Transform(string text)
    {
        var counts = new Dictionary<int, int>();
        foreach (var term in Terms(text))
            if (_vocabulary.TryGetValue(term, out var index)) counts[index] = counts.GetValueOrDefault(index) + 1;
        var indices = counts.Keys.Order().ToArray();
        var values = indices.Select(i => (float)((1 + Math.Log(counts[i])) * _idf[i])).ToArray();
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        if (norm > 0) for (var i = 0; i < values.Length; i++) values[i] /= norm;
        return new SparseVector(indices, values);
    }

    /// <summary>The words of <paramref name="text"/> and each pair of neighbouring words, stop words left out first.</summary>
    public static IEnumerable<string> Terms(string text)
    {
        string? previous = null;
        foreach (Match m in Word().Matches(AccentFolding.Fold(text).ToLowerInvariant()))
        {
            if (StopWords.Contains(m.Value)) continue;
            yield return m.Value;
            if (previous is not null) yield return previous + " " + m.Value;
            previous = m.Value;
        }
    }

    [GeneratedRegex(@"\b[a-zA-Z_][a-zA-Z0-9_]+\b")]
    private static partial Regex Word();

    /// <summary>scikit-learn's English stop words (BSD licence), which arxiv-sanity uses.</summary>
    private static readonly HashSet<string> StopWords = new((
        "a about above across after afterwards again against all almost alone along already also although always am " +
        "among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at " +
        "back be became because become becomes becoming been before beforehand behind being below beside besides " +
        "between beyond bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do " +
        "done down due during each eg eight either eleven else elsewhere empty enough etc even ever every everyone " +
        "everything everywhere except few fifteen fifty fill find fire first five for former formerly forty found " +
        "four from front full further get give go had has hasnt have he hence her here hereafter hereby herein " +
        "hereupon hers herself him himself his how however hundred i ie if in inc indeed interest into is it its " +
        "itself keep last latter latterly least less ltd made many may me meanwhile might mill mine more moreover " +
        "most mostly move much must my myself name namely neither never nevertheless next nine no nobody none noone " +
        "nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves " +
        "out over own part per perhaps please put rather re same see seem seemed seeming seems serious several she " +
        "should show side since sincere six sixty so some somehow someone something sometime sometimes somewhere " +
        "still such system take ten than that the their them themselves then thence there thereafter thereby " +
        "therefore therein thereupon these they thick thin third this those though three through throughout thru " +
        "thus to together too top toward towards twelve twenty two un under until up upon us very via was we well " +
        "were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether " +
        "which while whither who whoever whole whom whose why will with within without would yet you your yours " +
        "yourself yourselves " +
        "").Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
