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
