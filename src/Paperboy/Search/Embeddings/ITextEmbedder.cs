namespace Paperboy.Search.Embeddings;

/// <summary>
/// Turns papers and search queries into unit-length vectors whose dot product is their cosine similarity.
/// </summary>
/// <remarks>
/// <para>Implementations are thread-safe and expensive to create (the model takes about a second and a hundred
/// megabytes to load): get one per process from <see cref="EmbeddingModels"/> and share it.</para>
/// <para>Documents and queries are embedded differently on purpose: retrieval models such as arctic-embed
/// put an instruction before the query and none before the document, so always use
/// <see cref="EmbedQuery"/> for what a user typed and <see cref="EmbedDocuments"/> for papers.</para>
/// <para>A vector depends only on its own text, never on the other texts in the same call, so a background
/// worker may batch papers as it likes. Batches of a few dozen papers use the CPU best; every call takes
/// all cores of the machine while it runs.</para>
/// </remarks>
public interface ITextEmbedder
{
    /// <summary>The configured name of the model ("arctic-xs", "minilm"); store it beside the vectors, since
    /// vectors of different models cannot be compared.</summary>
    string Name { get; }

    /// <summary>The length of every vector (384 for both models).</summary>
    int Dimensions { get; }

    /// <summary>
    /// Embeds papers from their title and abstract. Returns one L2-normalised vector per document, in order.
    /// Text beyond the model's window (<see cref="BertModel.MaxTokens"/> word pieces) is not seen.
    /// </summary>
    float[][] EmbedDocuments(IReadOnlyList<(string Title, string Text)> documents);

    /// <summary>Embeds a search query (with the model's query instruction, if it has one). L2-normalised.</summary>
    float[] EmbedQuery(string query);
}
