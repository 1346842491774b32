using System.CommandLine;

namespace Paperboy.Bench.Corpus;

/// <summary><c>corpus --papers N --out FILE [--seed S] [--daily-per-day K] [--learn-from FILE | --builtin]</c></summary>
public static class CorpusCommand
{
    public static Command Create()
    {
        var papers = new Option<long>("--papers") { Description = "Number of papers to write", Required = true };
        var output = new Option<string>("--out") { Description = "Output file (gzip when it ends in .gz; - for standard output)", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed and model give the same corpus", DefaultValueFactory = _ => 1 };
        var daily = new Option<int>("--daily-per-day") { Description = "About this many papers a day go on the daily feed", DefaultValueFactory = _ => 25 };
        var learnFrom = new Option<string?>("--learn-from") { Description = $"Real listings to learn from (default: ../{ModelLearner.SharedListing} when found)" };
        var builtin = new Option<bool>("--builtin") { Description = "Use the small built-in model even when real listings are at hand" };
        var cmd = new Command("corpus", "Write a synthetic corpus of realistic papers as JSON lines")
        {
            papers, output, seed, daily, learnFrom, builtin,
        };
        cmd.Validators.Add(r =>
        {
            if (r.GetValue(papers) is < 1 or > CorpusPlan.MaxPapers) r.AddError($"--papers must be between 1 and {CorpusPlan.MaxPapers:N0}");
            if (r.GetValue(daily) < 0) r.AddError("--daily-per-day must not be negative");
        });
        cmd.SetAction(async (r, ct) =>
        {
            var model = LoadModel(r.GetValue(learnFrom), r.GetValue(builtin));
            if (model is null) return 2;
            var options = new CorpusOptions { Papers = r.GetValue(papers), Seed = r.GetValue(seed), DailyPerDay = r.GetValue(daily) };
            var s = await new CorpusWriter(model).WriteAsync(r.GetValue(output)!, options, ct);
            // Standard error, so standard output can carry the corpus itself.
            Console.Error.WriteLine($"wrote {s.Papers:N0} papers over {s.Days:N0} days ({s.FirstDay:yyyy-MM-dd} .. {s.LastDay:yyyy-MM-dd}), " +
                $"{s.DailyEntries:N0} on the daily feed, in {s.Elapsed.TotalSeconds:N1} s ({s.Papers / s.Elapsed.TotalSeconds:N0} papers/s)");
            return 0;
        });
        return cmd;
    }

    private static CorpusModel? LoadModel(string? learnFrom, bool builtin)
    {
        if (builtin) return Report(BuiltinModel.Create());
        var path = learnFrom ?? ModelLearner.FindSharedListing();
        if (path is null) return Report(BuiltinModel.Create());
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file");
            return null;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var model = ModelLearner.Learn(path);
        Console.Error.WriteLine($"learned in {clock.Elapsed.TotalSeconds:N1} s");
        return Report(model);
    }

    private static CorpusModel Report(CorpusModel model)
    {
        Console.Error.WriteLine($"model: {model.Describe()}");
        return model;
    }
}
