using Paperboy.Data;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;

namespace Paperboy.Search.Indexing;

/// <summary>
/// This node's derived search state: the full-text index on disk (under <c>--data/index/keyword</c>) and the
/// vectors in memory, with how far each has caught up. One per process and data folder.
/// </summary>
public sealed class SearchIndexes(DataFolder data, SearchOptions options) : IDisposable
{
    private readonly Lock _opening = new();
    private KeywordIndex? _keyword;
    private ITextEmbedder? _embedder;

    public string KeywordPath { get; } = Path.Combine(data.Path, "index", "keyword");

    /// <summary>The full-text index, opened on first use; it takes the folder's write lock for as long as it is open.</summary>
    public KeywordIndex Keyword
    {
        get
        {
            lock (_opening) return _keyword ??= new KeywordIndex(KeywordPath);
        }
    }

    /// <summary>
    /// The full-text index, or null while another process (a rebuild from the command line) holds its folder:
    /// pages then answer without it rather than fail.
    /// </summary>
    public KeywordIndex? KeywordOrNull()
    {
        try
        {
            return Keyword;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            return null;
        }
    }

    /// <summary>The model of semantic search; loaded on first use, since loading it costs time and memory.</summary>
    public ITextEmbedder Embedder
    {
        get
        {
            lock (_opening) return _embedder ??= EmbeddingModels.Get(options.Model);
        }
    }

    /// <summary>The model's canonical name, as its stored rows carry it.</summary>
    public string Model => EmbeddingModels.Find(options.Model).Name;

    public VectorIndex Vectors { get; } = new(approximate: options.Approximate);

    /// <summary>The highest embedding change number loaded into <see cref="Vectors"/>.</summary>
    public long VectorsSeen { get; set; }

    public void Dispose()
    {
        lock (_opening) _keyword?.Dispose();
        Vectors.Dispose();
    }
}
