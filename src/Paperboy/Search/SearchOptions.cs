namespace Paperboy.Search;

/// <summary>Section <c>Paperboy:Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Paperboy:Search";

    /// <summary>The embedding model of semantic search: "arctic-xs" (the default, better on SciFact) or "minilm".</summary>
    public string Model { get; set; } = Embeddings.EmbeddingModels.Default;

    /// <summary>Whether this node computes missing embeddings. On several nodes, one embedding node is enough.</summary>
    public bool Embed { get; set; } = true;

    /// <summary>Papers embedded, and written, per batch.</summary>
    public int EmbedBatchSize { get; set; } = 64;

    /// <summary>Seconds between two looks for papers changed since the indexes last caught up.</summary>
    public double CatchUpSeconds { get; set; } = 2;

    /// <summary>
    /// The k of reciprocal rank fusion: a result's share of a list is 1 / (k + its rank there). Tuned on SciFact's
    /// training queries (nDCG@10 0.713 at the usual 60, 0.723 at 5, flat from 1 to 5); a small k trusts each
    /// list's top results more than their agreement further down.
    /// </summary>
    public int FusionK { get; set; } = 5;

    /// <summary>
    /// From this many papers with vectors on, a search by meaning compares the query only with the groups of vectors
    /// nearest it (a few milliseconds instead of tens at a million papers); below it, with every vector.
    /// </summary>
    public int ApproximateVectorSearchFrom { get; set; } = 100_000;

    /// <summary>The share of the vector groups such a search reads: more finds more of the exact neighbours, slower.</summary>
    public double VectorGroupShare { get; set; } = 0.25;

    public Embeddings.ApproximateSearch Approximate => new() { Minimum = ApproximateVectorSearchFrom, ProbeShare = VectorGroupShare };
}
