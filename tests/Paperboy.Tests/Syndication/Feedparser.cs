using System.Diagnostics;
using System.Text.Json;

namespace Paperboy.Tests.Syndication;

/// <summary>What Python's feedparser made of a feed: whether it had to bend the rules, its format, and the entries' titles.</summary>
public sealed record FeedparserResult(bool Bozo, string? BozoException, string Version, List<string> Titles, List<string> Links);

/// <summary>
/// Debian's python3-feedparser, the parser behind many feed readers, run on a feed written to a file. Its
/// <c>bozo</c> flag is set by anything it had to forgive: a document that is not well-formed, an undeclared
/// namespace, an encoding that does not match. ./test.sh installs it; without it the tests that need it are skipped.
/// </summary>
public static class Feedparser
{
    private const string Script = """
        import feedparser, json, sys
        d = feedparser.parse(sys.argv[1])
        print(json.dumps({
            "bozo": bool(d.bozo),
            "exception": str(d.get("bozo_exception")) if d.bozo else None,
            "version": d.version,
            "titles": [e.get("title", "") for e in d.entries],
            "links": [e.get("link", "") for e in d.entries],
        }))
        """;

    /// <summary>Debian's own Python first: the package installs the module for it, not for another Python on the PATH.</summary>
    private static readonly Lazy<string?> Python = new(() =>
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(p => Run(p, ["-c", "import feedparser"]).Code == 0));

    public static async Task<FeedparserResult> ParseAsync(string xml)
    {
        var python = Python.Value
            ?? throw Xunit.Sdk.SkipException.ForSkip("python3 with feedparser is not installed (apt-get install python3-feedparser; ./test.sh does it)");
        var file = Path.Combine(Path.GetTempPath(), $"paperboy-feed-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, xml, TestContext.Current.CancellationToken);
        try
        {
            var (code, output, error) = Run(python, ["-c", Script, file]);
            Assert.True(code == 0, $"feedparser failed ({code}): {error}");
            var json = JsonDocument.Parse(output).RootElement;
            return new FeedparserResult(json.GetProperty("bozo").GetBoolean(), json.GetProperty("exception").GetString(),
                json.GetProperty("version").GetString() ?? "",
                json.GetProperty("titles").EnumerateArray().Select(t => t.GetString() ?? "").ToList(),
                json.GetProperty("links").EnumerateArray().Select(t => t.GetString() ?? "").ToList());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int Code, string Output, string Error) Run(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }
}
