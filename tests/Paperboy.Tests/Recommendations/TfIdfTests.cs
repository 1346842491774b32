using Paperboy.Recommendations;

namespace Paperboy.Tests.Recommendations;

public sealed class TfIdfTests
{
    [Fact]
    public void Terms_are_words_and_word_pairs_without_stop_words_or_accents()
    {
        Assert.Equal(["naive", "bayes", "naive bayes", "x2", "bayes x2", "beats", "x2 beats", "transformers", "beats transformers"],
            TfIdf.Terms("The Naïve Bayes of x2 beats a transformers, 7 b"));
    }

    /// <summary>Figures worked by hand from scikit-learn's definitions (sublinear tf, smoothed idf, unit length).</summary>
    [Fact]
    public void Weights_follow_the_sublinear_smoothed_definition()
    {
        string[] texts = ["graph graph neural", "graph kernel", "protein folding"];
        var tfidf = TfIdf.Fit(texts, minDf: 1, maxDf: 1.0, maxFeatures: 100);
        var v = tfidf.Transform("graph graph neural");
        // graph: tf 2 → 1 + ln 2; df 2 of 3 → idf ln(4/3) + 1. neural, "graph neural": tf 1, df 1 → idf ln 2 + 1.
        // "graph graph" is a term too (df 1, tf 1).
        var graph = (1 + Math.Log(2)) * (Math.Log(4.0 / 3) + 1);
        var single = Math.Log(2) + 1;
        var norm = Math.Sqrt(graph * graph + 3 * single * single);
        Assert.Equal(4, v.Indices.Length);
        Assert.Equal(graph / norm, v.Values.Max(), 5);
        Assert.Equal(single / norm, v.Values.Min(), 5);
        Assert.Empty(tfidf.Transform("completely unseen words").Indices);
    }

    [Fact]
    public void Rare_and_common_terms_are_dropped_and_the_most_frequent_kept()
    {
        var texts = Enumerable.Range(0, 20).Select(i => $"common word{i % 4} rare{i}").ToList();
        var tfidf = TfIdf.Fit(texts, minDf: 2, maxDf: 0.5, maxFeatures: 3);
        // "common" is in every text (over max_df), each rareN in one (under min_df); wordN and "common wordN" are in
        // five each, the same count, and equal counts go by name: "common word0..2" are the three kept.
        Assert.Equal(3, tfidf.Dimensions);
        Assert.Empty(tfidf.Transform("common rare3").Indices);
        Assert.Single(tfidf.Transform("common word0").Indices);
        Assert.Empty(tfidf.Transform("common word3").Indices);
    }
}
