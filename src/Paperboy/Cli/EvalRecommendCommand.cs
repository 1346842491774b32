using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Paperboy.Recommendations;
using Paperboy.Recommendations.Eval;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Eval;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy eval recommend FILE [--method M] [--validation] [--json]</c>: how well each recommendation method
/// predicts what Hugging Face daily-papers submitters went on to submit (<see cref="RecommendSet"/>), as recall@20
/// and nDCG@20.
/// </summary>
public static class EvalRecommendCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Hugging Face daily entries (JSON lines, plain or gzip), as `import hf` reads" };
        var method = new Option<string[]>("--method") { Description = $"Methods to run (default: all): {string.Join(", ", RecommendEval.Methods)}", AllowMultipleArgumentsPerToken = true };
        var validation = new Option<bool>("--validation") { Description = "Score on the members' earlier papers only (for choosing settings), not the test" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var set = new Option<string[]>("--set") { Description = "A setting of Paperboy's model, NAME=VALUE (C, AuthorWeight, PopularityWeight, ContentWeight), to try on --validation", AllowMultipleArgumentsPerToken = true };
        var command = new Command("recommend", "recall@20 and nDCG@20 of recommendation methods on real submissions") { file, method, validation, json, set, IndexCommand.Model };
        command.SetAction(r =>
        {
            var path = r.GetValue(file)!;
            var methods = r.GetValue(method) is { Length: > 0 } m ? m : RecommendEval.Methods.ToArray();
            if (methods.FirstOrDefault(x => !RecommendEval.Methods.Contains(x)) is { } unknown)
            {
                Console.Error.WriteLine($"Unknown method '{unknown}'; known methods: {string.Join(", ", RecommendEval.Methods)}.");
                return ExitCodes.Usage;
            }
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file.");
                return ExitCodes.Usage;
            }
            var model = r.GetValue(IndexCommand.Model)!;
            if (!EmbeddingModels.All.ContainsKey(model))
            {
                Console.Error.WriteLine($"--model must be one of: {string.Join(", ", EmbeddingModels.All.Keys)}.");
                return ExitCodes.Usage;
            }
            if (!TrySettings(r.GetValue(set) ?? [], out var settings, out var error))
            {
                Console.Error.WriteLine(error);
                return ExitCodes.Usage;
            }
            var clock = Stopwatch.StartNew();
            var data = RecommendSet.Load(path);
            if (data.Users.Count == 0)
            {
                Console.Error.WriteLine($"{path}: no submitter has {RecommendSet.MinSubmissions} submissions with later ones to predict ({data.Entries:N0} entries read, {data.Rejected:N0} rejected).");
                return ExitCodes.Usage;
            }
            Console.Error.WriteLine($"{data.Entries:N0} entries, {data.Papers.Count:N0} papers, {data.Users.Count} members; embedding with {model} (cached after the first run)...");
            var vectors = EmbeddingCache.Embed(EmbeddingModels.Get(model), data.Papers.Select(p => (p.Title, p.Abstract)).ToList());
            var eval = new RecommendEval(data, vectors, settings);
            var cases = r.GetValue(validation) ? data.Validation() : data.Users;
            var scores = methods.Select(x => eval.Run(x, cases)).ToList();
            if (r.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    file = Path.GetFileName(path),
                    split = r.GetValue(validation) ? "validation" : "test",
                    members = cases.Count,
                    papers = data.Papers.Count,
                    k = RecommendEval.K,
                    methods = scores.Select(s => new { method = s.Method, recall20 = Math.Round(s.Recall, 4), ndcg20 = Math.Round(s.Ndcg, 4) }),
                }, new JsonSerializerOptions { WriteIndented = true }));
            else
            {
                Console.WriteLine($"{Path.GetFileName(path)} ({(r.GetValue(validation) ? "validation" : "test")}): {cases.Count} members, {data.Papers.Count:N0} papers");
                Console.WriteLine($"{"method",-22} {"recall@20",10} {"nDCG@20",10}");
                foreach (var s in scores) Console.WriteLine($"{s.Method,-22} {s.Recall,10:F4} {s.Ndcg,10:F4}");
                Console.WriteLine($"ran in {clock.Elapsed.TotalSeconds:F1} s");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool TrySettings(string[] pairs, out InterestSettings settings, out string error)
    {
        settings = InterestSettings.Default;
        error = "";
        foreach (var pair in pairs)
        {
            var (name, text) = pair.Split('=', 2) is [var n, var t] ? (n, t) : (pair, "");
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                error = $"--set {pair}: expected NAME=NUMBER.";
                return false;
            }
            switch (name)
            {
                case "C": settings = settings with { C = value }; break;
                case "AuthorWeight": settings = settings with { AuthorWeight = value }; break;
                case "PopularityWeight": settings = settings with { PopularityWeight = value }; break;
                case "ContentWeight": settings = settings with { ContentWeight = (float)value }; break;
                default: error = $"--set {pair}: unknown setting '{name}' (C, AuthorWeight, PopularityWeight, ContentWeight)."; return false;
            }
        }
        return true;
    }
}
