using System.CommandLine;
using Paperboy.Search.Embeddings;

namespace Paperboy.Bench.Embeddings;

/// <summary>
/// <c>embed throughput</c>, <c>embed scifact</c> and <c>embed vectors</c>: the measurements behind
/// bench/embed.sh. Each prints Markdown table rows on standard output and progress on standard error.
/// </summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model") { Description = "Models to measure (default: all)", DefaultValueFactory = _ => [.. EmbeddingModels.All.Keys], AllowMultipleArgumentsPerToken = true };

        var listing = new Option<string>("--listing") { Description = "Real arXiv listing (JSON lines, gzipped)", Required = true };
        var docs = new Option<int>("--docs") { Description = "Abstracts to embed", DefaultValueFactory = _ => 1000 };
        var throughput = new Command("throughput", "Abstracts/s: the package's own encoder against Paperboy's embedder") { listing, docs, models };
        throughput.SetAction(r =>
        {
            EmbedThroughput.Run(r.GetValue(listing)!, r.GetValue(docs), r.GetValue(models)!, Console.Out, Console.Error);
            return 0;
        });

        var folder = new Option<string>("--data") { Description = "SciFact in the BEIR layout", Required = true };
        var path = new Option<string>("--path") { Description = "paperboy (BertEmbedder) or package (the package's own encoder)", DefaultValueFactory = _ => "paperboy" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Window in word pieces (default: the model's)" };
        var cache = new Option<string>("--cache") { Description = "Folder keeping corpus vectors between runs", DefaultValueFactory = _ => "/tmp/paperboy-bench/embeddings" };
        var scifact = new Command("scifact", "nDCG@10 and recall@100 of exact vector search on SciFact train and test") { folder, models, path, maxTokens, cache };
        scifact.Validators.Add(r =>
        {
            if (r.GetValue(path) is not (null or "paperboy" or "package")) r.AddError("--path must be paperboy or package");
        });
        scifact.SetAction(r =>
        {
            foreach (var model in r.GetValue(models)!)
                SciFactEval.Run(r.GetValue(folder)!, EmbeddingModels.Find(model), r.GetValue(path) ?? "paperboy", r.GetValue(maxTokens), r.GetValue(cache)!, Console.Out, Console.Error);
            return 0;
        });

        var count = new Option<int>("--count") { Description = "Synthetic vectors in the index", DefaultValueFactory = _ => 1_000_000 };
        var queries = new Option<int>("--queries") { Description = "Queries to time", DefaultValueFactory = _ => 200 };
        var vectors = new Command("vectors", "Top-10 latency and memory of VectorIndex over synthetic unit vectors") { count, queries };
        vectors.SetAction(r =>
        {
            VectorLatency.Run(r.GetValue(count), r.GetValue(queries), Console.Out, Console.Error);
            return 0;
        });

        var papers = new Option<int>("--papers") { Description = "Papers of the listing to embed", DefaultValueFactory = _ => 74_728 };
        var model = new Option<string>("--model") { Description = "Model", DefaultValueFactory = _ => EmbeddingModels.Default };
        var approximate = new Command("approximate", "Recall of approximate against exact vector search on real embeddings") { listing, papers, queries, model };
        approximate.SetAction(r =>
        {
            ApproximateRecall.Run(r.GetValue(listing)!, r.GetValue(papers), r.GetValue(queries), r.GetValue(model)!, Console.Out, Console.Error);
            return 0;
        });

        return new Command("embed", "Embedding speed and quality, vector search latency") { throughput, scifact, vectors, approximate };
    }
}
