namespace Paperboy.Search.Eval;

/// <summary>
/// One way of ranking a BEIR corpus, built for an evaluation: <see cref="Retrieve"/> gives the corpus's document
/// ids for a query text, best first (100 are enough for recall@100). Disposing it removes whatever it built.
/// </summary>
public sealed class EvalRetriever(Func<string, IReadOnlyList<string>> retrieve, IDisposable? built = null) : IDisposable
{
    public IReadOnlyList<string> Retrieve(string query) => retrieve(query);

    public void Dispose() => built?.Dispose();
}

/// <summary>
/// The retrieval modes <c>paperboy eval beir --mode</c> knows, by name. A mode builds its retriever from the corpus
/// (an index, embeddings); a new engine adds one line here.
/// </summary>
public static class EvalModes
{
    public static readonly IReadOnlyDictionary<string, Func<BeirSet, CancellationToken, Task<EvalRetriever>>> All =
        new Dictionary<string, Func<BeirSet, CancellationToken, Task<EvalRetriever>>>(StringComparer.OrdinalIgnoreCase)
        {
            ["keyword"] = (set, _) => Task.FromResult(Keyword.KeywordEval.Build(set)),
        };
}
