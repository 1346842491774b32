namespace Paperboy.Search.Eval;

/// <summary>The two figures BEIR reports, computed as its evaluation (pytrec_eval) computes them.</summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// nDCG@k with graded gains (relevance as the gain, log2 discount); the ideal ranking is the judged
    /// documents by relevance. A query with no relevant document scores 0.
    /// </summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (judged.TryGetValue(ranked[i], out var rel) && rel > 0) dcg += rel / Math.Log2(i + 2);
        var ideal = judged.Values.Where(v => v > 0).OrderDescending().Take(k).Select((rel, i) => rel / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>The share of the relevant documents found in the first <paramref name="k"/>.</summary>
    public static double Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int k)
    {
        var relevant = judged.Count(j => j.Value > 0);
        if (relevant == 0) return 0;
        return ranked.Take(k).Count(id => judged.TryGetValue(id, out var rel) && rel > 0) / (double)relevant;
    }

    /// <summary>Mean nDCG@10 and recall@100 of a retriever over every judged query of <paramref name="set"/>.</summary>
    public static (double Ndcg10, double Recall100) Evaluate(BeirSet set, Func<string, IReadOnlyList<string>> retrieve)
    {
        double ndcg = 0, recall = 0;
        foreach (var (id, text) in set.Queries)
        {
            var ranked = retrieve(text);
            ndcg += Ndcg(ranked, set.Judgements[id], 10);
            recall += Recall(ranked, set.Judgements[id], 100);
        }
        return (ndcg / set.Queries.Count, recall / set.Queries.Count);
    }
}
