using System.Reflection;

namespace Paperboy.Search.Embeddings;

/// <summary>How a sentence vector is made from the model's per-token vectors.</summary>
public enum BertPooling
{
    /// <summary>The mean of the token vectors (padding excluded), as all-MiniLM-L6-v2 was trained.</summary>
    Mean,

    /// <summary>The vector of the leading [CLS] token, as snowflake-arctic-embed was trained.</summary>
    Cls,
}

/// <summary>
/// A BERT-style sentence-embedding model shipped inside a NuGet package: the ONNX graph and the WordPiece
/// vocabulary are resources of <see cref="ResourceAssembly"/>, so nothing is downloaded at run time.
/// </summary>
/// <param name="Name">The name used in configuration.</param>
/// <param name="ResourceAssembly">The package assembly holding <c>Resources.model.onnx</c> and <c>Resources.vocab.txt</c>.</param>
/// <param name="Pooling">How token vectors become one vector.</param>
/// <param name="MaxTokens">The window in word pieces, [CLS] and [SEP] included; longer text is cut.</param>
/// <param name="QueryPrefix">Put before every query (never before documents).</param>
public sealed record BertModel(string Name, Assembly ResourceAssembly, BertPooling Pooling, int MaxTokens, string QueryPrefix)
{
    /// <summary>The number of dimensions of both shipped models.</summary>
    public const int Dimensions = 384;

    internal Stream Open(string resource) =>
        ResourceAssembly.GetManifestResourceStream($"{ResourceAssembly.GetName().Name}.Resources.{resource}")
        ?? throw new InvalidOperationException($"{ResourceAssembly.GetName().Name} has no resource {resource}.");

    internal byte[] ReadOnnx()
    {
        using var stream = Open("model.onnx");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
