using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Paperboy.Exports;
using Paperboy.Papers;

namespace Paperboy.Tests.Exports;

/// <summary>
/// The BibTeX exports read back by pybtex (Debian's python3-pybtex), a parser that follows BibTeX's own rules for
/// braces and names, in strict mode, where anything BibTeX would stumble on is an error. Skipped when it is not installed.
/// </summary>
public class PybtexTests
{
    private const string Python = "/usr/bin/python3";

    // Exit code 3: pybtex is missing. Authors are counted as pybtex splits them; the other fields come back raw.
    private const string Script = """
        import json, sys
        try:
            from pybtex import errors
            from pybtex.database import parse_string
        except ImportError:
            sys.exit(3)
        errors.set_strict_mode(True)
        data = parse_string(sys.stdin.read(), "bibtex")
        print(json.dumps([{"key": key, "type": entry.type, "fields": {name.lower(): value for name, value in entry.fields.items()},
                           "authors": len(entry.persons.get("author", []))} for key, entry in data.entries.items()]))
        """;

    private sealed record Parsed(string Key, string Type, Dictionary<string, string> Fields, int Authors);

    [Fact]
    public async Task OrdinaryAndHostileEntries_ReadBackInPybtex_AsTheyWereWritten()
    {
        PaperView[] papers =
        [
            ExportPapers.Transformer,
            ExportPapers.Maldacena,
            ExportPapers.Paper("2401.00004", "Oops}, author = {Mallory}} @misc{evil, title={\\input{/etc/passwd} 100%", ["Ada Lovelace"]),
            ExportPapers.Paper("2401.00005", "\\Alpha and #Beta {unbalanced", ["ATLAS Collaboration"], journal: "J. {Broken"),
            ExportPapers.Paper("2401.00006", "100% of C# & $x_1$ ~ a^2 #1 <b> | Größe für Ωmega \\", [
                "Evil} and {Mallory", "Tom and Jerry", "Research and Development Team", "Martin Luther King Jr.",
                "Smith, John, Jr., the Third", "Ludwig van Beethoven", "Plato", "a\\b %c", "Zoë Çelik", "@misc{x,"]),
            ExportPapers.Paper("2401.00007", "Deep nets", ["Jane Smith"]),
            ExportPapers.Paper("2401.00008", "Deep nets", ["Jane Smith"]),
        ];
        var bib = Bibtex.Write(papers);

        var theirs = await ParseAsync(bib);
        var ours = BibtexShape.Entries(bib);

        Assert.Equal(ours.Select(e => e.Key), theirs.Select(e => e.Key));
        Assert.Equal(papers.Length, theirs.Count);
        for (var i = 0; i < papers.Length; i++)
        {
            Assert.Equal("misc", theirs[i].Type);
            Assert.Equal(papers[i].Authors.Count, theirs[i].Authors);
            Assert.Equal(ours[i].Fields.Where(f => f.Key != "author").ToDictionary(f => f.Key.ToLowerInvariant(), f => f.Value), theirs[i].Fields);
        }
    }

    private static async Task<List<Parsed>> ParseAsync(string bib)
    {
        if (!File.Exists(Python)) Assert.Skip($"{Python} is not installed: install Debian's python3 and python3-pybtex to run this test");
        var start = new ProcessStartInfo(Python, ["-c", Script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(bib);
        python.StandardInput.Close();
        var output = python.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = python.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await python.WaitForExitAsync(TestContext.Current.CancellationToken);
        if (python.ExitCode == 3) Assert.Skip("pybtex is not installed: install Debian's python3-pybtex to run this test");
        Assert.True(python.ExitCode == 0, $"pybtex refused the file:\n{await error}\n{bib}");
        return JsonSerializer.Deserialize<List<Parsed>>(await output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
