using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Paperboy.Search.Embeddings;

namespace Paperboy.Search.Eval;

/// <summary>
/// Embeddings of an evaluation's documents. Embedding thousands of abstracts takes minutes on two cores, so the
/// vectors are kept in the temporary folder, keyed by model and content, and reused by the next evaluation.
/// </summary>
public static class EmbeddingCache
{
    public static float[][] Embed(ITextEmbedder embedder, IReadOnlyList<(string Title, string Text)> documents)
    {
        var cache = Path.Combine(Path.GetTempPath(), "paperboy-eval", $"{embedder.Name}-{Key(documents)}.f32");
        if (File.Exists(cache) && new FileInfo(cache).Length == (long)documents.Count * embedder.Dimensions * sizeof(float))
        {
            var all = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(cache)).ToArray();
            return Enumerable.Range(0, documents.Count).Select(i => all.AsSpan(i * embedder.Dimensions, embedder.Dimensions).ToArray()).ToArray();
        }
        var vectors = embedder.EmbedDocuments(documents);
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        var temp = cache + ".tmp";
        File.WriteAllBytes(temp, MemoryMarshal.AsBytes(vectors.SelectMany(v => v).ToArray().AsSpan()).ToArray());
        File.Move(temp, cache, overwrite: true);
        return vectors;
    }

    private static string Key(IReadOnlyList<(string Title, string Text)> documents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (title, text) in documents) sha.AppendData(Encoding.UTF8.GetBytes($"{title}\u0001{text}\u0002"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
