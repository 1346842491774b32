using System.CommandLine;
using Paperboy.Search.Embeddings;

namespace Paperboy.Bench.Search;

/// <summary>
/// <c>search keyword [--papers N] [--corpus FILE] [--queries Q] [--seed S] [--index DIR]</c>: keyword index build
/// time, size and query latency over N papers: the first N of FILE (the generator's or the real listings' JSON
/// lines), or N freshly generated ones; with <c>--index</c>, query latency on a copy of an index built before (a
/// million papers take minutes to index), the queries still drawn from the papers. <c>search vectors --data DIR [--database CS] [--model M]</c>: stand-in embeddings for every
/// paper (see <see cref="StandInVectors"/>). <c>search queries --corpus FILE --out FILE</c>: the query workload, for
/// load over HTTP.
/// </summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var papers = new Option<int>("--papers") { Description = "Papers to index", DefaultValueFactory = _ => 100_000 };
        var corpus = new Option<string?>("--corpus") { Description = "JSON-lines corpus to read them from (default: generate them)" };
        var queries = new Option<int>("--queries") { Description = "Queries of each kind", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Seed for the generated corpus and the queries", DefaultValueFactory = _ => 1 };
        var existing = new Option<string?>("--index")
        {
            Description = "Keyword index folder built before (from the same papers) to search instead of building one; a copy is searched, the folder is left as it is",
        };
        var keyword = new Command("keyword", "Keyword index: build time, size, query latency (Markdown on standard output)") { papers, corpus, queries, seed, existing };
        keyword.Validators.Add(r =>
        {
            if (r.GetValue(papers) < 1) r.AddError("--papers must be at least 1");
            if (r.GetValue(queries) < 1) r.AddError("--queries must be at least 1");
            if (r.GetValue(existing) is { } dir && !File.Exists(Path.Combine(dir, "segments.gen")))
                r.AddError($"--index {dir}: no keyword index there");
        });
        keyword.SetAction(async (r, ct) =>
        {
            var work = Directory.CreateTempSubdirectory("paperboy-bench-search-").FullName;
            try
            {
                var source = r.GetValue(corpus);
                if (source is null)
                {
                    source = Path.Combine(work, "corpus.jsonl.gz");
                    await BenchPapers.GenerateAsync(source, r.GetValue(papers), (ulong)r.GetValue(seed), Console.Error, ct);
                }
                else if (!File.Exists(source))
                {
                    Console.Error.WriteLine($"{source}: no such file");
                    return 2;
                }
                var list = BenchPapers.Read(source, r.GetValue(papers));
                if (list.Count == 0)
                {
                    Console.Error.WriteLine($"{source}: no papers");
                    return 2;
                }
                Console.Error.WriteLine($"read {list.Count:N0} papers from {source}");
                var workload = QueryWorkload.Create(list, r.GetValue(queries), r.GetValue(seed));
                var folder = Path.Combine(work, "index");
                if (r.GetValue(existing) is { } built)
                {
                    // A copy: opening an index takes its write lock, and the folder may belong to a server's data.
                    Console.Error.WriteLine($"copying {built}");
                    Directory.CreateDirectory(folder);
                    foreach (var file in Directory.GetFiles(built).Where(f => Path.GetFileName(f) != "write.lock"))
                        File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
                }
                KeywordBench.Run(list, workload, folder, built: r.GetValue(existing) is not null, Console.Out, Console.Error);
                return 0;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        });
        var data = new Option<string>("--data") { Description = "Paperboy's data folder (the SQLite database)", Required = true };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string instead of SQLite" };
        var model = new Option<string>("--model") { Description = "Model name the rows are stored under", DefaultValueFactory = _ => EmbeddingModels.Default };
        var vectors = new Command("vectors", "Store a random unit vector for every paper without an embedding (speed at full size, not quality)")
            { data, database, model, seed };
        vectors.SetAction(async (r, ct) =>
        {
            await using var db = Community.CommunityCommand.Context(r, data, database);
            var added = await StandInVectors.RunAsync(db, r.GetValue(model)!, r.GetValue(seed), Console.Error, ct);
            Console.Error.WriteLine($"{added:N0} stand-in vectors stored");
            return 0;
        });
        var output = new Option<string>("--out") { Description = "File to write: one line per query, its kind, a tab, the query URL-encoded", Required = true };
        var queryFile = new Command("queries", "Write the query workload drawn from the first N papers of a corpus") { papers, corpus, queries, seed, output };
        queryFile.SetAction(async (r, ct) =>
        {
            var source = r.GetValue(corpus);
            if (source is null || !File.Exists(source))
            {
                Console.Error.WriteLine($"{source ?? "--corpus"}: no such file");
                return 2;
            }
            var workload = QueryWorkload.Create(BenchPapers.Read(source, r.GetValue(papers)), r.GetValue(queries), r.GetValue(seed));
            await File.WriteAllLinesAsync(r.GetValue(output)!, workload.Select(q => $"{q.Kind}\t{Uri.EscapeDataString(q.Text)}"), ct);
            return 0;
        });
        return new Command("search", "Search benchmarks") { keyword, vectors, queryFile };
    }
}
