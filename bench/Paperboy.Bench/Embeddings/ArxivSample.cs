using System.IO.Compression;
using System.Text.Json;

namespace Paperboy.Bench.Embeddings;

internal static class ArxivSample
{
    /// <summary>The first <paramref name="count"/> papers of a real listing: (title, abstract).</summary>
    public static List<(string Title, string Text)> Read(string path, int count)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var papers = new List<(string, string)>(count);
        while (papers.Count < count && reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            papers.Add((doc.RootElement.GetProperty("title").GetString() ?? "", doc.RootElement.GetProperty("abstract").GetString() ?? ""));
        }
        return papers;
    }
}
