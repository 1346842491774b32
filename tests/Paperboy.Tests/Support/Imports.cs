using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperboy.Import;

namespace Paperboy.Tests.Support;

/// <summary>Reading and importing files in tests, and a database's content in a form two databases can be compared by.</summary>
public static class Imports
{
    public static List<ImportItem> ReadAll(Func<InputFile, IEnumerable<ImportItem>> read, string path)
    {
        using var file = new InputFile(path);
        return read(file).ToList();
    }

    public static List<PaperRecord> Records(Func<InputFile, IEnumerable<ImportItem>> read, string path)
    {
        var items = ReadAll(read, path);
        Assert.All(items, i => Assert.Null(i.Error));
        return items.Select(i => i.Record!).ToList();
    }

    /// <summary>Imports a file the way <c>paperboy import</c> does: the reader streamed through the runner and writer.</summary>
    public static async Task<ImportReport> ImportAsync(TestDatabase db, Func<InputFile, IEnumerable<ImportItem>> read, string path)
    {
        await using var ctx = db.CreateContext();
        using var file = new InputFile(path);
        return await new ImportRunner(new PaperWriter(ctx)).RunAsync(read(file), ct: TestContext.Current.CancellationToken);
    }

    public static string Summary(ImportReport r) =>
        $"read {r.Read}, imported {r.Imported}, updated {r.Updated}, unchanged {r.Unchanged}, rejected {r.Rejected}";

    /// <summary>
    /// Every paper's content fields and feed entry, one line a paper in id order: what two imports of the same
    /// data must agree on. Row ids and change numbers are left out, since they depend on the order of commits.
    /// </summary>
    public static async Task<List<string>> ContentAsync(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        var ct = TestContext.Current.CancellationToken;
        var papers = await ctx.Papers.AsNoTracking().ToListAsync(ct);
        var daily = await ctx.DailyEntries.AsNoTracking().ToDictionaryAsync(d => d.PaperId, ct);
        return papers
            .Select(p => (p.ArxivId, Line: JsonSerializer.Serialize(new
            {
                p.ArxivId, p.Version, p.Title, p.Abstract, p.Authors, p.Categories, p.PrimaryCategory,
                PublishedAt = p.PublishedAt?.Ticks, UpdatedAt = p.UpdatedAt?.Ticks, p.Comment, p.JournalRef, p.Doi,
                p.GithubRepo, p.ProjectPage,
                Daily = daily.GetValueOrDefault(p.Id) is { } d
                    ? new { d.Day, SubmittedAt = d.SubmittedAt.Ticks, d.SubmittedBy, d.SubmitterFullname, d.SubmitterAvatarUrl, d.Upvotes, d.CommentCount }
                    : null,
            })))
            .OrderBy(p => p.ArxivId, StringComparer.Ordinal)
            .Select(p => p.Line)
            .ToList();
    }
}

/// <summary>A temporary folder for input files a test writes; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("paperboy-input-").FullName;

    /// <summary>Writes UTF-8 text, gzip-compressed when asked; returns the full path.</summary>
    public string Write(string name, string text, bool gzip = false)
    {
        var path = System.IO.Path.Combine(Path, name);
        using var file = File.Create(path);
        using var output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        output.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    /// <summary>Writes one line each, every line ended by '\n'.</summary>
    public string WriteLines(string name, IEnumerable<string> lines, bool gzip = false) =>
        Write(name, string.Concat(lines.Select(l => l + "\n")), gzip);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Lines of the real data files, for tests that build inputs from real records.</summary>
public static class RealLines
{
    public static List<string> First(string path, int count)
    {
        using var file = new InputFile(path);
        using var reader = new StreamReader(file.Content);
        var lines = new List<string>(count);
        while (lines.Count < count && reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    /// <summary>A real JSON line with one change made to it: the way tests build bad records around good ones.</summary>
    public static string Changed(string line, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var o = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
        change(o);
        return o.ToJsonString();
    }
}
