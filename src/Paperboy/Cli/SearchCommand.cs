using System.CommandLine;
using System.Text.Json;
using Paperboy.Data;
using Paperboy.Papers;
using Paperboy.Search;
using Paperboy.Search.Indexing;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy search "QUERY" [--mode hybrid|keyword|vector] [--limit N] [--json]</c>: the site's search from the
/// command line. It brings the full-text index level first (unless a running server holds it, which keeps it level
/// itself) and loads the stored vectors of the model.
/// </summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to look for, with the site's search syntax" };
        var mode = new Option<string>("--mode") { Description = "hybrid, keyword or vector", DefaultValueFactory = _ => "hybrid" };
        var limit = new Option<int>("--limit") { Description = "Results to show (1..100)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON (Hugging Face's search shape) instead of text" };
        var cmd = new Command("search", "Search the papers") { query, mode, limit, json, IndexCommand.Model };
        cmd.SetAction(async (r, ct) =>
        {
            var modeText = r.GetValue(mode)!.ToLowerInvariant();
            if (modeText is not ("hybrid" or "keyword" or "vector"))
            {
                Console.Error.WriteLine($"--mode must be hybrid, keyword or vector (not '{modeText}').");
                return ExitCodes.Usage;
            }
            if (r.GetValue(limit) is < 1 or > 100)
            {
                Console.Error.WriteLine("--limit must be 1..100.");
                return ExitCodes.Usage;
            }
            var data = CliOptions.DataFolder(r);
            await using var db = DataServices.CreateContext(data, CliOptions.DatabaseOptions(r));
            await DataServices.MigrateAsync(db, ct);
            var options = new SearchOptions { Model = r.GetValue(IndexCommand.Model)! };
            using var indexes = new SearchIndexes(data, options);
            if (!IndexCommand.TryOpen(indexes, out var index)) return ExitCodes.Failed;
            await KeywordSync.CatchUpAsync(db, index, ct);
            if (modeText != "keyword")
                indexes.VectorsSeen = await VectorSync.CatchUpAsync(db, indexes.Vectors, indexes.Model, 0, ct);

            var results = new SearchService(indexes, options).Search(r.GetValue(query)!, SearchModel.ParseMode(modeText), r.GetValue(limit));
            var papers = await PaperCards.LoadAsync(db, results.Hits.Select(h => h.PaperId).ToList(), ct);
            // Notes (syntax read as words, meaning not ready) go to stderr, where they never spoil the JSON.
            foreach (var note in results.Notes) Console.Error.WriteLine(note);
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(papers.Select(HfMapping.ToDailyPaper).ToList(), HfJsonContext.Api.ListHfDailyPaper));
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{Display.Count(results.Total ?? 0, "result", "results")} ({results.Mode.ToString().ToLowerInvariant()})");
            var rank = 0;
            foreach (var p in papers)
                Console.WriteLine($"{++rank,3}. {p.ArxivId,-18} {p.Title}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
