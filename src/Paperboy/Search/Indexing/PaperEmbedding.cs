namespace Paperboy.Search.Indexing;

/// <summary>
/// A paper's embedding under one model, stored so that every node loads vectors instead of computing them.
/// <see cref="ChangeNumber"/> is the paper's change number the row was last brought level with: nodes catch up
/// on rows above the number they have seen, and the embedding worker resumes after the highest one.
/// <see cref="TextHash"/> says which title and abstract were embedded, so a change to the paper's other fields
/// moves the row's change number without computing the vector again.
/// </summary>
public sealed class PaperEmbedding
{
    public long PaperId { get; set; }

    /// <summary>The embedding model's name ("arctic-xs", "minilm").</summary>
    public required string Model { get; set; }

    public required byte[] Vector { get; set; }
    public long TextHash { get; set; }
    public long ChangeNumber { get; set; }
}
