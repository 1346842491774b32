namespace Paperboy.Search.Eval;

/// <summary>What the vector and hybrid modes are built with: the embedding model and the fusion's k.</summary>
public sealed record EvalSettings(string Model, int FusionK)
{
    public static readonly EvalSettings Default = new(Embeddings.EmbeddingModels.Default, new SearchOptions().FusionK);
}
