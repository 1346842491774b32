using System.CommandLine;
using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Indexing;
using Paperboy.Search.Keyword;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy index rebuild</c> rebuilds the full-text index from the database; <c>paperboy index embed</c>
/// computes the embeddings that are missing or stale. Both show progress, and both are what a running server
/// does by itself, a little at a time.
/// </summary>
public static class IndexCommand
{
    public static readonly Option<string> Model = new("--model")
    {
        Description = $"Embedding model: {string.Join(", ", EmbeddingModels.All.Keys)} (default: Paperboy__Search__Model, else {new SearchOptions().Model})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Paperboy__Search__Model") ?? new SearchOptions().Model,
    };

    public static Command Create()
    {
        var rebuild = new Command("rebuild", "Rebuild the full-text index from the database");
        rebuild.SetAction(async (r, ct) =>
        {
            var data = CliOptions.DataFolder(r);
            await using var db = DataServices.CreateContext(data, CliOptions.DatabaseOptions(r));
            await DataServices.MigrateAsync(db, ct);
            using var indexes = new SearchIndexes(data, new SearchOptions());
            if (!TryOpen(indexes, out var index)) return ExitCodes.Failed;
            index.DeleteAll();
            index.Commit(0);
            var done = await Progress.RunAsync("Indexing", "papers", p =>
                KeywordSync.CatchUpAsync(db, index, ct, (n, of) => p.Report(of == 0 ? 1 : (double)n / of, n)));
            Console.WriteLine($"index: {done:N0} papers indexed in {indexes.KeywordPath}");
            return ExitCodes.Ok;
        });

        var batch = new Option<int>("--batch-size") { Description = "Papers per batch", DefaultValueFactory = _ => new SearchOptions().EmbedBatchSize };
        var embed = new Command("embed", "Compute the embeddings that are missing or out of date") { Model, batch };
        embed.SetAction(async (r, ct) =>
        {
            var model = r.GetValue(Model)!;
            if (!EmbeddingModels.All.ContainsKey(model))
            {
                Console.Error.WriteLine($"--model must be one of: {string.Join(", ", EmbeddingModels.All.Keys)} (not '{model}').");
                return ExitCodes.Usage;
            }
            if (r.GetValue(batch) is < 1 or > 1024)
            {
                Console.Error.WriteLine("--batch-size must be 1..1024.");
                return ExitCodes.Usage;
            }
            await using var db = DataServices.CreateContext(CliOptions.DataFolder(r), CliOptions.DatabaseOptions(r));
            await DataServices.MigrateAsync(db, ct);
            var embedder = EmbeddingModels.Get(model);
            var done = await Progress.RunAsync($"Embedding ({model})", "papers", p =>
                EmbeddingSync.CatchUpAsync(db, embedder, r.GetValue(batch), ct, (n, of) => p.Report(of == 0 ? 1 : (double)n / of, n)));
            Console.WriteLine($"embeddings: {done:N0} papers brought level with {model}");
            return ExitCodes.Ok;
        });
        return new Command("index", "Search indexes: full text and embeddings") { rebuild, embed };
    }

    /// <summary>Opens the full-text index, or says why not: another process (a running server) holds it.</summary>
    public static bool TryOpen(SearchIndexes indexes, out KeywordIndex index)
    {
        try
        {
            index = indexes.Keyword;
            return true;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            Console.Error.WriteLine($"{indexes.KeywordPath}: the index is in use by another Paperboy process (a running server keeps it level by itself; stop it to rebuild).");
            index = null!;
            return false;
        }
    }
}
