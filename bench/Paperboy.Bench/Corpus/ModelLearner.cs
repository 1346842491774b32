using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Paperboy.Papers;

namespace Paperboy.Bench.Corpus;

/// <summary>
/// Learns a <see cref="CorpusModel"/> from real arXiv listings in the JSON-lines format the generator writes
/// (<c>../shared/data/arxiv/daily-arxiv-74k.jsonl.gz</c>). Read at generation time, never copied anywhere.
/// </summary>
public static class ModelLearner
{
    public const string SharedListing = "shared/data/arxiv/daily-arxiv-74k.jsonl.gz";

    // Every word leaves its pairs for a rare follower at least this often, so no chain of common pairs runs on
    // for long; low enough that word pairs still read like the real thing.
    private const double MinEscape = 0.05;

    private const int BatchSize = 1000;

    /// <summary>The real listings beside the repository (looked for upwards of the working and program folders).</summary>
    public static string? FindSharedListing()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SharedListing);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    public static CorpusModel Learn(string path)
    {
        var titles = new TextModel.Builder(TextEnd.Title, MinEscape);
        var abstracts = new TextModel.Builder(TextEnd.Sentence, MinEscape);
        var comments = new TextModel.Builder(TextEnd.Anything, MinEscape);
        var authorCounts = new Dictionary<int, long>();
        var given = new Dictionary<string, long>(StringComparer.Ordinal);
        var family = new Dictionary<string, long>(StringComparer.Ordinal);
        var categories = new Dictionary<string, long>(StringComparer.Ordinal);
        var taken = new Dictionary<int, HashSet<int>>();
        long papers = 0, withComment = 0, wrapped = 0;

        // Abstracts are most of the text: a second thread learns them while this one reads and learns the rest.
        var forAbstracts = new BlockingCollection<string[]>(boundedCapacity: 16);
        var abstractLearner = Task.Run(() =>
        {
            foreach (var batch in forAbstracts.GetConsumingEnumerable())
                foreach (var a in batch) abstracts.Add(a);
        });
        var pending = new List<string>(BatchSize);
        try
        {
            using var file = File.OpenRead(path);
            using Stream content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(content);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                var p = JsonSerializer.Deserialize(line, ListingJson.Default.Listing);
                if (p?.Title is null || p.Abstract is null) continue;
                papers++;
                titles.Add(p.Title);
                pending.Add(p.Abstract);
                if (pending.Count == BatchSize) { forAbstracts.Add([.. pending]); pending.Clear(); }
                if (p.Abstract.Contains('\n')) wrapped++;
                if (!string.IsNullOrWhiteSpace(p.Comment)) { withComment++; comments.Add(p.Comment); }
                var authors = p.Authors ?? [];
                Increment(authorCounts, Math.Max(1, authors.Length));
                foreach (var a in authors)
                {
                    var name = a.Trim();
                    if (name.Length == 0) continue;
                    var cut = name.LastIndexOf(' ');
                    Increment(given, cut < 0 ? "" : name[..cut].Trim());
                    Increment(family, cut < 0 ? name : name[(cut + 1)..]);
                }
                if (p.Categories is { Length: > 0 } cats) Increment(categories, string.Join('\u0001', cats));
                if (ArxivId.TryParse(p.Id, out var id) && id.Length == 10 && id[4] == '.')
                {
                    var yymm = int.Parse(id.AsSpan(0, 4));
                    if (!taken.TryGetValue(yymm, out var set)) taken[yymm] = set = [];
                    set.Add(int.Parse(id.AsSpan(5)));
                }
            }
            forAbstracts.Add([.. pending]);
        }
        finally
        {
            forAbstracts.CompleteAdding();
            abstractLearner.Wait();
        }
        if (papers == 0) throw new InvalidDataException($"{path}: no papers to learn from");
        var abstractModel = Task.Run(abstracts.Build);
        var titleModel = Task.Run(titles.Build);
        var commentModel = Task.Run(comments.Build);
        Task.WaitAll(abstractModel, titleModel, commentModel);

        return new CorpusModel
        {
            Source = $"learned from {Path.GetFileName(path)} ({papers:N0} papers)",
            Titles = titleModel.Result,
            Abstracts = abstractModel.Result,
            Comments = commentModel.Result,
            CommentRate = (double)withComment / papers,
            WrapRate = (double)wrapped / papers,
            AuthorCounts = Distribution<int>.FromCounts(authorCounts),
            GivenNames = new(given.Select(kv => (NamePart.Of(kv.Key), (double)kv.Value))),
            FamilyNames = new(family.Select(kv => (NamePart.Of(kv.Key), (double)kv.Value))),
            CategoryLists = new(categories.Select(kv => (CorpusModel.CategoryJson(kv.Key.Split('\u0001')), (double)kv.Value))),
            TakenIds = taken,
        };
    }

    private static void Increment<T>(Dictionary<T, long> d, T key) where T : notnull => d[key] = d.GetValueOrDefault(key) + 1;
}

public sealed record Listing(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("authors")] string[]? Authors,
    [property: JsonPropertyName("categories")] string[]? Categories,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("abstract")] string? Abstract,
    [property: JsonPropertyName("listed")] string? Listed,
    [property: JsonPropertyName("upvotes")] int? Upvotes = null,
    [property: JsonPropertyName("submittedBy")] string? SubmittedBy = null);

[JsonSerializable(typeof(Listing))]
public sealed partial class ListingJson : JsonSerializerContext;
