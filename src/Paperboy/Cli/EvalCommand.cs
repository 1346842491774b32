using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Paperboy.Search.Eval;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy eval beir DIR [--split test|train|dev] [--mode keyword] [--json]</c>: ranks a BEIR test set's corpus
/// for each of its queries and prints nDCG@10 and recall@100, the figures BEIR publishes. Modes are the entries of
/// <see cref="EvalModes.All"/>.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "A BEIR data set folder (corpus.jsonl[.gz], queries, qrels)" };
        var split = new Option<string>("--split") { Description = "Which queries and judgements", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "train", "dev");
        var mode = new Option<string>("--mode") { Description = $"Retrieval mode: {string.Join(", ", EvalModes.All.Keys)}", DefaultValueFactory = _ => "keyword" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var fusionK = new Option<int>("--fusion-k") { Description = "k of the hybrid mode's reciprocal rank fusion", DefaultValueFactory = _ => EvalSettings.Default.FusionK };
        var beir = new Command("beir", "nDCG@10 and recall@100 of a retrieval mode on a BEIR data set") { folder, split, mode, json, IndexCommand.Model, fusionK };
        beir.SetAction(async (r, ct) =>
        {
            var dir = r.GetValue(folder)!;
            var modeName = r.GetValue(mode)!;
            if (!EvalModes.All.TryGetValue(modeName, out var build))
            {
                Console.Error.WriteLine($"Unknown mode '{modeName}'; known modes: {string.Join(", ", EvalModes.All.Keys)}.");
                return ExitCodes.Usage;
            }
            if (!Directory.Exists(dir))
            {
                Console.Error.WriteLine($"{dir}: no such folder.");
                return ExitCodes.Usage;
            }
            BeirSet set;
            try
            {
                set = BeirSet.Load(dir, r.GetValue(split)!);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
            {
                Console.Error.WriteLine($"{dir} is not a BEIR data set: {e.Message}");
                return ExitCodes.Usage;
            }
            if (set.Queries.Count == 0)
            {
                Console.Error.WriteLine($"{dir}: no judged queries in the {r.GetValue(split)} split.");
                return ExitCodes.Usage;
            }

            var model = r.GetValue(IndexCommand.Model)!;
            if (!Search.Embeddings.EmbeddingModels.All.ContainsKey(model) || r.GetValue(fusionK) < 1)
            {
                Console.Error.WriteLine($"--model must be one of: {string.Join(", ", Search.Embeddings.EmbeddingModels.All.Keys)}; --fusion-k at least 1.");
                return ExitCodes.Usage;
            }
            var clock = Stopwatch.StartNew();
            using var retriever = await build(set, new EvalSettings(model, r.GetValue(fusionK)), ct);
            var buildSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (ndcg, recall) = RetrievalMetrics.Evaluate(set, retriever.Retrieve);
            var result = new
            {
                dataset = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir))),
                split = r.GetValue(split),
                mode = modeName.ToLowerInvariant(),
                documents = set.Corpus.Count,
                queries = set.Queries.Count,
                ndcg10 = Math.Round(ndcg, 4),
                recall100 = Math.Round(recall, 4),
                buildSeconds = Math.Round(buildSeconds, 2),
                querySeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            };
            if (r.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            else
            {
                Console.WriteLine($"{result.dataset} ({result.split}): {result.queries:N0} queries over {result.documents:N0} documents, mode {result.mode}");
                Console.WriteLine($"nDCG@10     {ndcg:F4}");
                Console.WriteLine($"recall@100  {recall:F4}");
                Console.WriteLine($"built in {buildSeconds:F1} s, queries ran in {result.querySeconds:F1} s");
            }
            return ExitCodes.Ok;
        });
        return new Command("eval", "Measure search and recommendation quality") { beir, EvalRecommendCommand.Create() };
    }
}
