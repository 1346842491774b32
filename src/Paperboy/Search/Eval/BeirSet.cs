using System.IO.Compression;
using System.Text.Json;

namespace Paperboy.Search.Eval;

/// <summary>One BEIR document: its id, title and text.</summary>
public sealed record BeirDocument(string Id, string Title, string Text);

/// <summary>
/// A retrieval test set in the BEIR layout: <c>corpus.jsonl[.gz]</c>, <c>queries[.split].jsonl</c> and
/// <c>qrels[.split].tsv</c> (or <c>qrels/split.tsv</c>). Only queries with at least one judgement are kept,
/// as BEIR's own evaluation does.
/// </summary>
public sealed class BeirSet
{
    public required IReadOnlyList<BeirDocument> Corpus { get; init; }
    public required IReadOnlyDictionary<string, string> Queries { get; init; }

    /// <summary>Query id → document id → graded relevance (above zero is relevant).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgements { get; init; }

    public static BeirSet Load(string folder, string split)
    {
        var corpus = new List<BeirDocument>();
        foreach (var (line, _) in Lines(Find(folder, "corpus.jsonl.gz", "corpus.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            corpus.Add(new BeirDocument(Text(r, "_id"), Text(r, "title"), Text(r, "text")));
        }
        var judgements = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(Find(folder, $"qrels.{split}.tsv", Path.Combine("qrels", $"{split}.tsv"))))
        {
            var cells = line.Split('\t');
            if (number == 1 && cells[0] == "query-id") continue;
            if (cells.Length < 3 || !int.TryParse(cells[2], out var score))
                throw new InvalidDataException($"qrels line {number}: expected query-id, corpus-id and a score");
            if (!judgements.TryGetValue(cells[0], out var docs)) judgements[cells[0]] = docs = new(StringComparer.Ordinal);
            docs[cells[1]] = score;
        }
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, _) in Lines(Find(folder, $"queries.{split}.jsonl", "queries.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var id = Text(doc.RootElement, "_id");
            if (judgements.ContainsKey(id)) queries[id] = Text(doc.RootElement, "text");
        }
        return new BeirSet
        {
            Corpus = corpus,
            Queries = queries,
            Judgements = judgements.Where(j => queries.ContainsKey(j.Key))
                .ToDictionary(j => j.Key, j => (IReadOnlyDictionary<string, int>)j.Value, StringComparer.Ordinal),
        };
    }

    private static string Find(string folder, params string[] names) =>
        names.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{folder} has none of: {string.Join(", ", names)}");

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static IEnumerable<(string Line, int Number)> Lines(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0) yield return (line, number);
        }
    }
}
