using Paperboy.Bench.Corpus;
using Paperboy.Import;
using Paperboy.Papers;
using Paperboy.Search;

namespace Paperboy.Bench.Search;

/// <summary>Papers for the search benchmarks: read from a corpus file, or generated first when none is given.</summary>
public static class BenchPapers
{
    /// <summary>The first <paramref name="count"/> papers of a JSON-lines listing, as the search indexes see them.</summary>
    public static List<SearchDocument> Read(string path, int count)
    {
        var papers = new List<SearchDocument>(count);
        using var file = new InputFile(path);
        foreach (var item in DailyArxivReader.Read(file))
        {
            if (papers.Count == count) break;
            if (item.Record is not { } r) continue;
            var id = papers.Count + 1;
            papers.Add(new SearchDocument(id, r.ArxivId, r.Title ?? "", r.Abstract ?? "", r.Authors ?? [], r.Categories ?? [],
                r.PublishedAt, CodeLinks.FindGitHubRepo(r.Comment, r.Abstract) is not null, id));
        }
        return papers;
    }

    /// <summary>Generates <paramref name="count"/> papers into <paramref name="path"/> with the corpus generator.</summary>
    public static async Task GenerateAsync(string path, int count, ulong seed, TextWriter log, CancellationToken ct)
    {
        var listing = ModelLearner.FindSharedListing();
        var model = listing is null ? BuiltinModel.Create() : ModelLearner.Learn(listing);
        log.WriteLine($"model: {model.Describe()}");
        var s = await new CorpusWriter(model).WriteAsync(path, new CorpusOptions { Papers = count, Seed = seed, DailyPerDay = 0 }, ct);
        log.WriteLine($"generated {s.Papers:N0} papers in {s.Elapsed.TotalSeconds:N1} s");
    }
}
