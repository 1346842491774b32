using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Eval;

namespace Paperboy.Bench.Embeddings;

/// <summary>
/// Exact vector retrieval on SciFact: the corpus embedded once (cached on disk, a few minutes per model on two
/// cores), each query ranked against every document, scored with <see cref="RetrievalMetrics"/>; both by float
/// dot products and through <see cref="VectorIndex"/>, whose int8 vectors are what the site searches.
/// </summary>
internal static class SciFactEval
{
    public static void Run(string folder, BertModel model, string path, int? maxTokens, string cacheFolder, TextWriter output, TextWriter progress)
    {
        var window = maxTokens ?? model.MaxTokens;
        if (path == "package") window = 512; // the package's encoder always cuts at 512
        var sized = model with { MaxTokens = window };
        var train = BeirSet.Load(folder, "train");
        var test = BeirSet.Load(folder, "test");
        Func<IReadOnlyList<string>, float[][]> embed;
        IDisposable owner;
        if (path == "package")
        {
            var package = EmbedThroughput.Package(model);
            embed = texts => texts.Select(t => package.Encode([t])[0]).ToArray();
            owner = package;
        }
        else
        {
            var embedder = new BertEmbedder(sized);
            embed = texts => embedder.Embed(texts);
            owner = embedder;
        }
        using (owner)
        {
            Directory.CreateDirectory(cacheFolder);
            var cache = Path.Combine(cacheFolder, $"scifact-{model.Name}-{path}-{window}.f32");
            var corpus = test.Corpus;
            float[][] documents;
            var seconds = "cached";
            if (File.Exists(cache)) documents = Read(cache, corpus.Count, BertModel.Dimensions);
            else
            {
                progress.WriteLine($"{model.Name} {path} {window}: embedding {corpus.Count} documents");
                var clock = Stopwatch.StartNew();
                documents = embed(corpus.Select(d => BertEmbedder.DocumentText(d.Title, d.Text)).ToList());
                seconds = $"{clock.Elapsed.TotalSeconds:F0} s";
                File.WriteAllBytes(cache, MemoryMarshal.AsBytes(documents.SelectMany(v => v).ToArray().AsSpan()).ToArray());
            }
            using var index = new VectorIndex();
            index.UpsertMany(documents.Select((v, i) => ((long)i, v)));
            foreach (var (split, set) in new[] { ("train", train), ("test", test) })
            {
                var texts = set.Queries.Values.Distinct().ToList();
                var vectors = embed(texts.Select(q => model.QueryPrefix + q).ToList());
                var byText = texts.Select((t, i) => (t, vectors[i])).ToDictionary(p => p.t, p => p.Item2);
                var exact = RetrievalMetrics.Evaluate(set, q => Exact(documents, byText[q], 100).Select(i => corpus[i].Id).ToList());
                var quantised = RetrievalMetrics.Evaluate(set, q => index.Search(byText[q], 100).Select(h => corpus[(int)h.PaperId].Id).ToList());
                output.WriteLine($"| {model.Name} | {path} | {window} | {split} | {exact.Ndcg10:F4} | {exact.Recall100:F4} | {quantised.Ndcg10:F4} | {quantised.Recall100:F4} | {seconds} |");
            }
        }
    }

    private static IEnumerable<int> Exact(float[][] documents, float[] query, int k) =>
        documents.Select((d, i) => (Score: TensorPrimitives.Dot(d, query), i)).OrderByDescending(s => s.Score).ThenBy(s => s.i).Take(k).Select(s => s.i);

    private static float[][] Read(string path, int count, int dimensions)
    {
        var all = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path));
        if (all.Length != count * dimensions) throw new InvalidDataException($"{path} holds {all.Length} floats, expected {count * dimensions}.");
        var vectors = new float[count][];
        for (var i = 0; i < count; i++) vectors[i] = all.Slice(i * dimensions, dimensions).ToArray();
        return vectors;
    }
}
