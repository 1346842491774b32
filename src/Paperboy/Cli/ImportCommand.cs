using System.CommandLine;
using Paperboy.Data;
using Paperboy.Import;

namespace Paperboy.Cli;

/// <summary><c>paperboy import hf|atom|snapshot|jsonl FILE...</c></summary>
public static class ImportCommand
{
    private static readonly (string Name, string Description, Func<InputFile, IEnumerable<ImportItem>> Read)[] Formats =
    [
        ("hf", "Hugging Face daily papers: an /api/daily_papers response (JSON array) or JSON lines of its entries, plain or gzip", HfDailyReader.Read),
        ("atom", "arXiv API Atom responses (export.arxiv.org/api/query)", AtomReader.Read),
        ("snapshot", "the arXiv metadata snapshot (Kaggle arxiv-metadata-oai-snapshot.json lines), plain or gzip", SnapshotReader.Read),
        ("jsonl", "simple arXiv JSON lines (id, title, authors[], categories[], comment, abstract, listed), plain or gzip", DailyArxivReader.Read),
    ];

    public static Command Create()
    {
        var import = new Command("import", "Import papers from files; safe to run again (nothing changes twice)");
        foreach (var (name, description, read) in Formats)
        {
            var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Files to import" };
            var cmd = new Command(name, description) { files };
            cmd.SetAction((r, ct) => RunAsync(r, name, r.GetValue(files)!, read, ct));
            import.Subcommands.Add(cmd);
        }
        return import;
    }

    private static async Task<int> RunAsync(ParseResult r, string source, string[] files, Func<InputFile, IEnumerable<ImportItem>> read, CancellationToken ct)
    {
        foreach (var f in files.Where(f => !File.Exists(f)))
        {
            Console.Error.WriteLine($"{f}: no such file");
            return ExitCodes.Usage;
        }
        await using var db = DataServices.CreateContext(CliOptions.DataFolder(r), CliOptions.DatabaseOptions(r));
        await DataServices.MigrateAsync(db, ct);
        var runner = new ImportRunner(new PaperWriter(db)) { Source = source };
        var total = new ImportReport();
        foreach (var path in files)
        {
            using var input = new InputFile(path);
            var report = await Progress.RunAsync($"import {input.Name}", "records", p =>
                runner.RunAsync(read(input),
                    onRejected: bad => p.WriteLine(Console.Error, $"{bad.Where}: {bad.Error}"),
                    onBatch: rep => p.Report(input.Fraction, rep.Read), ct: ct));
            Console.WriteLine($"{path}: {report}");
            total.Add(report);
        }
        if (files.Length > 1) Console.WriteLine($"total: {total}");
        return total.Rejected > 0 ? ExitCodes.RejectedRecords : ExitCodes.Ok;
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The good records were imported; some were rejected and reported.</summary>
    public const int RejectedRecords = 1;
    /// <summary>Bad command line or missing file: nothing was done.</summary>
    public const int Usage = 2;
    /// <summary>The work failed part way (network, server error); what was committed stays, and a rerun resumes.</summary>
    public const int Failed = 3;
}
