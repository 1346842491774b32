using System.Text;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Import;

/// <summary>How files are cut into records: across the read buffer's edges, in lines and in arrays.</summary>
public class JsonRecordsTests
{
    private static List<(SourceLocation Where, string? Json, string? Error)> Cut(
        Func<InputFile, IEnumerable<JsonRecord>> cut, string path)
    {
        using var file = new InputFile(path);
        // The bytes are only valid until the next record: copy each one out as it comes.
        return cut(file).Select(r => (r.Where, r.Error is null ? Encoding.UTF8.GetString(r.Utf8.Span) : null, r.Error)).ToList();
    }

    /// <summary>Objects from a few bytes to well past the 64 KiB read buffer, so records straddle every edge.</summary>
    private static List<string> Objects(int count) =>
        Enumerable.Range(0, count).Select(i => $"{{\"n\":{i},\"pad\":\"{new string((char)('a' + i % 26), i * i * 37 % 150_000)}\"}}").ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lines_RecordsAcrossBufferEdges_AreCutExactlyWithTheirLineNumbers(bool gzip)
    {
        var objects = Objects(120);
        using var temp = new TempFolder();
        // A byte order mark, CRLF endings, blank lines and no line break after the last line.
        var text = "\uFEFF" + string.Join("", objects.Select((o, i) => i % 3 == 0 ? o + "\r\n\n" : o + "\n"))[..^1];
        var path = temp.Write("big.jsonl", text, gzip);

        var records = Cut(f => JsonRecords.Lines(f), path);

        Assert.Equal(objects, records.Select(r => r.Json!.TrimEnd('\r')));
        var expectedLines = new List<long>();
        for (long i = 0, line = 1; i < objects.Count; i++, line += i % 3 == 1 ? 2 : 1) expectedLines.Add(line);
        Assert.Equal(expectedLines, records.Select(r => r.Where.Number));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ArrayOrLines_OneLineArray_YieldsEachElementNumbered(bool gzip)
    {
        var objects = Objects(60);
        using var temp = new TempFolder();
        var path = temp.Write("page.json", " \n[" + string.Join(",", objects) + ",\"text\",12,[1,2]]\n", gzip);

        var records = Cut(f => JsonRecords.ArrayOrLines(f), path);

        Assert.Equal([.. objects, "\"text\"", "12", "[1,2]"], records.Select(r => r.Json));
        Assert.Equal(Enumerable.Range(1, 63).Select(n => new SourceLocation("page.json", n, IsLine: false)), records.Select(r => r.Where));
    }

    [Fact]
    public void ArrayOrLines_SyntaxErrorInsideTheArray_KeepsTheElementsBeforeAndNamesTheLine()
    {
        using var temp = new TempFolder();
        var path = temp.Write("broken.json", "\uFEFF[\n  {\"a\": 1},\n  {\"a\": 2},\n  {\"a\": tru},\n  {\"a\": 4}\n]\n");

        var records = Cut(f => JsonRecords.ArrayOrLines(f), path);

        Assert.Equal(["{\"a\": 1}", "{\"a\": 2}"], records.Take(2).Select(r => r.Json));
        var error = records[2];
        Assert.Equal(new SourceLocation("broken.json", 3, IsLine: false), error.Where);
        Assert.StartsWith("invalid JSON at line 4, byte ", error.Error);
        Assert.Contains("is an invalid JSON literal. Expected the literal 'true'.", error.Error);
        Assert.EndsWith("(the rest of the file is skipped)", error.Error);
        Assert.DoesNotContain('\n', error.Error!); // every rejection prints as one line
        Assert.Equal(3, records.Count);
    }

    [Fact]
    public void ArrayOrLines_FileEndingInsideAnElement_ReportsIt()
    {
        using var temp = new TempFolder();
        var path = temp.Write("cut.json", "[{\"a\": 1}, {\"a\": [2, 3");

        var records = Cut(f => JsonRecords.ArrayOrLines(f), path);

        Assert.Equal(2, records.Count);
        Assert.Equal("{\"a\": 1}", records[0].Json);
        Assert.Equal(new SourceLocation("cut.json", 2, IsLine: false), records[1].Where);
        Assert.StartsWith("invalid JSON at line 1, byte ", records[1].Error);
    }

    [Fact]
    public void Lines_LineLongerThanTheLimit_IsRejectedAndTheNextLineRead()
    {
        using var temp = new TempFolder();
        var path = temp.WriteLines("long.jsonl", ["{\"n\":1}", $"{{\"pad\":\"{new string('x', 300_000)}\"}}", "{\"n\":3}"]);

        var records = Cut(f => JsonRecords.Lines(f, maxRecordBytes: 100_000), path);

        Assert.Equal(
            [(1L, "{\"n\":1}", null), (2, null, "line longer than 100,000 bytes"), (3, "{\"n\":3}", null)],
            records.Select(r => (r.Where.Number, r.Json, r.Error)));
    }

    [Fact]
    public void ArrayOrLines_ElementLongerThanTheLimit_EndsTheFileWithARejection()
    {
        using var temp = new TempFolder();
        var path = temp.Write("long.json", $"[{{\"n\":1}}, {{\"pad\":\"{new string('x', 300_000)}\"}}, {{\"n\":3}}]");

        var records = Cut(f => JsonRecords.ArrayOrLines(f, maxRecordBytes: 100_000), path);

        Assert.Equal(
            [(1L, "{\"n\":1}", null), (2, null, "record longer than 100,000 bytes")],
            records.Select(r => (r.Where.Number, r.Json, r.Error)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("[]")]
    public void ArrayOrLines_NothingInTheFile_YieldsNothing(string text)
    {
        using var temp = new TempFolder();
        Assert.Empty(Cut(f => JsonRecords.ArrayOrLines(f), temp.Write("empty.json", text)));
    }
}
