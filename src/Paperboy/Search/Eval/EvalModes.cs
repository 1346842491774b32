namespace Paperboy.Search.Eval;

/// <summary>
/// The retrieval modes <c>paperboy eval beir --mode</c> knows, by name. A mode builds its retriever from the corpus
/// (an index, embeddings); a new engine adds one line here.
/// </summary>
public static class EvalModes
{
    public static readonly IReadOnlyDictionary<string, Func<BeirSet, EvalSettings, CancellationToken, Task<EvalRetriever>>> All =
        new Dictionary<string, Func<BeirSet, EvalSettings, CancellationToken, Task<EvalRetriever>>>(StringComparer.OrdinalIgnoreCase)
        {
            ["keyword"] = (set, _, _) => Task.FromResult(Keyword.KeywordEval.Build(set)),
            ["vector"] = (set, s, _) => Task.FromResult(VectorEval.BuildVector(set, s.Model)),
            ["hybrid"] = (set, s, _) => Task.FromResult(VectorEval.BuildHybrid(set, s.Model, s.FusionK)),
        };
}
