using System.IO.Compression;
using System.Text;
using Paperboy.Import;
using Paperboy.Import.OaiPmh;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Fuzz;

/// <summary>The smallest inputs the fuzzers found that crashed a reader or broke its contract, each kept as a plain test.</summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private const string FeedStart =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";

    private static string Entry(string id, string fields = "<title>A title</title>") =>
        $"<entry>\n<id>http://arxiv.org/abs/{id}</id>\n{fields}\n</entry>\n";

    private static List<ImportItem> Atom(string xml) => AtomReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "query.xml").ToList();

    private List<ImportItem> Read(Func<InputFile, IEnumerable<ImportItem>> read, string name, byte[] bytes)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllBytes(path, bytes);
        using var file = new InputFile(path);
        return read(file).ToList();
    }

    private List<ImportItem> Read(Func<InputFile, IEnumerable<ImportItem>> read, string name, string text) =>
        Read(read, name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Atom_EmptyAnswer_IsRejectedAtLineOneNotZero()
    {
        var item = Assert.Single(Atom(""));

        Assert.Equal(new SourceLocation("query.xml", 1), item.Where);
        Assert.StartsWith("malformed XML: Root element is missing", item.Error);
    }

    [Fact]
    public void Atom_BadBytesAfterAByteOrderMark_AreMalformedXmlNotAnException()
    {
        // XmlReader.Create reads the first bytes itself, outside the reader's handling of broken XML: it threw.
        byte[] bytes = [0xEF, 0xBB, 0xBF, 0xBB, 0xBF];

        var item = Assert.Single(AtomReader.Read(new MemoryStream(bytes), "query.xml"));

        Assert.Equal(new SourceLocation("query.xml", 1), item.Where);
        Assert.StartsWith("malformed XML: Invalid character in the given encoding.", item.Error);
    }

    [Fact]
    public void XmlDeclarationHoldingAByteOrderMark_IsMalformedXmlInBothReaders()
    {
        // The framework's XML parser throws ArgumentOutOfRangeException on this start, not XmlException.
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\uFEFF\" encoding=\"UTF-8\"?>\n");

        var item = Assert.Single(AtomReader.Read(new MemoryStream(bytes), "query.xml"));
        var e = Assert.Throws<HarvestException>(() => OaiPageReader.Read(new MemoryStream(bytes), "page 2"));

        Assert.Equal(new SourceLocation("query.xml", 1), item.Where);
        Assert.StartsWith("malformed XML: the XML parser could not read the document's start", item.Error);
        Assert.StartsWith("page 2: the answer is not well-formed XML (the XML parser could not read", e.Message);
    }

    [Fact]
    public void Atom_FieldHoldingElements_RejectsThatEntryAndReadsTheNext()
    {
        // Found as "<published>yest <title>is</title>...": well-formed, so the entries after it are good data.
        var items = Atom(FeedStart + Entry("2501.00001", "<title>A</title><published>yest <title>is</title></published>") + Entry("2501.00002") + "</feed>");

        Assert.Equal(2, items.Count);
        Assert.Equal((new SourceLocation("query.xml", 2), "<published> holds elements, where arXiv writes text"), (items[0].Where, items[0].Error));
        Assert.Equal("2501.00002", items[1].Record?.ArxivId);
    }

    [Fact]
    public void Atom_BrokenXmlInsideAField_StillEndsTheFileAsMalformed()
    {
        var items = Atom(FeedStart + Entry("2501.00001") + Entry("2501.00002", "<title>A <b></title>") + Entry("2501.00003") + "</feed>");

        Assert.Equal(2, items.Count);
        Assert.Equal("2501.00001", items[0].Record?.ArxivId);
        Assert.StartsWith("malformed XML: ", items[1].Error);
        Assert.EndsWith("(the rest of the file is skipped)", items[1].Error);
    }

    [Fact]
    public void OaiPmh_MalformedAnswerQuotingALineBreak_IsAOneLineHarvestError()
    {
        const string page = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords><\n/ListRecords></OAI-PMH>";

        var e = Assert.Throws<HarvestException>(() => OaiPageReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(page)), "page 2"));

        Assert.StartsWith("page 2: the answer is not well-formed XML (", e.Message);
        Assert.Contains("\\n", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void OaiPmh_RecordNestedAHundredThousandDeep_IsRejectedAndTheNextRecordRead()
    {
        // Reading the title's text recursed once a level and overflowed the stack, ending the process.
        const int depth = 100_000;
        var title = string.Concat(Enumerable.Repeat("<a>", depth)) + "x" + string.Concat(Enumerable.Repeat("</a>", depth));
        static string Record(string id, string title) =>
            $"<record><header><identifier>oai:arXiv.org:{id}</identifier></header><metadata>" +
            $"<arXiv xmlns=\"http://arxiv.org/OAI/arXiv/\"><id>{id}</id><title>{title}</title></arXiv></metadata></record>";
        var page = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords>" +
            Record("2501.00001", title) + Record("2501.00002", "Fine") + "</ListRecords></OAI-PMH>";

        var read = OaiPageReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(page)), "page 2");

        Assert.Equal(2, read.Items.Count);
        Assert.Equal((new SourceLocation("page 2", 1, IsLine: false), "the record nests elements more than 100 deep"), (read.Items[0].Where, read.Items[0].Error));
        Assert.Equal(("2501.00002", "Fine"), (read.Items[1].Record?.ArxivId, read.Items[1].Record?.Title));
    }

    [Fact]
    public async Task OaiPmh_TooDeepRecordCutOff_IsAHarvestErrorNotAnEndlessLoop()
    {
        // Disposing the record's subtree swallowed the syntax error past the cut and left the page's reader in its
        // error state, where Read returns false without reaching the end: the page was read for ever.
        var page = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords><record><header>" +
            string.Concat(Enumerable.Repeat("<a>", 200)) + "</ListRecords></OAI-PMH>";

        var read = Task.Run(() => Assert.Throws<HarvestException>(() => OaiPageReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(page)), "page 2")),
            TestContext.Current.CancellationToken);

        var e = await read.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // TimeoutException: still reading
        Assert.StartsWith("page 2: the answer is not well-formed XML (The 'a' start tag", e.Message);
    }

    [Fact]
    public void OaiPmh_ErrorCodeWithALineBreak_IsOneLine()
    {
        const string page = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><error code=\"bad&#10;Argument\">no</error></OAI-PMH>";

        var read = OaiPageReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(page)), "page 2");

        Assert.Equal(new OaiError("bad Argument", "no"), read.Error);
    }

    [Fact]
    public void Snapshot_BytesThatAreNotUtf8InAString_RejectThatLineWithItsByte()
    {
        // Found as "\"title99999999999999\xBD99999999\"": reading the string threw InvalidOperationException.
        var bytes = Encoding.UTF8.GetBytes("\"title\u00BD\"\n{\"id\":\"2501.00001\",\"title\":\"A\"}\n");
        bytes = [.. bytes.Take(6), .. bytes.Skip(7)]; // C2 BD -> BD alone, a continuation byte with no lead

        var items = Read(SnapshotReader.Read, "snapshot.json", bytes);

        Assert.Equal((new SourceLocation("snapshot.json", 1), "invalid JSON: bytes that are not UTF-8 (at byte 7)"), (items[0].Where, items[0].Error));
        Assert.Equal("2501.00001", items[1].Record?.ArxivId);
    }

    [Theory]
    [InlineData("{\"id\":\"2501.00001\",\"title\":\"a\\ud800\"}", "\\ud800", 30)]
    [InlineData("{\"id\":\"2501.00001\",\"title\":\"a\\uDC00b\"}", "\\udc00", 30)]
    [InlineData("{\"id\":\"2501.00001\",\"title\":\"\\ud83d\\ud83d\"}", "\\ud83d", 29)]
    // Found as a field named "\ud800title": looking up any field compares names and threw.
    [InlineData("{\"id\":\"2501.00001\",\"\\ud800title\":\"a\"}", "\\ud800", 21)]
    public void DailyArxiv_EscapedHalfASurrogatePair_RejectsThatLineWithItsByte(string line, string escape, int at)
    {
        var items = Read(DailyArxivReader.Read, "daily.jsonl", line + "\n{\"id\":\"2501.00002\",\"title\":\"B\"}\n");

        Assert.Equal($"invalid JSON: {escape} is half of a UTF-16 surrogate pair, without the other half (at byte {at})", items[0].Error);
        Assert.Equal("2501.00002", items[1].Record?.ArxivId);
    }

    [Theory]
    [InlineData("\\ud83d\\ude00", "\U0001F600")]
    [InlineData("\\uD83D\\uDE00 \\u00e9", "\U0001F600 \u00E9")]
    [InlineData("\\\\ud800", "\\ud800")]
    public void DailyArxiv_WholePairsAndEscapedBackslashes_AreText(string escaped, string title)
    {
        var items = Read(DailyArxivReader.Read, "daily.jsonl", $"{{\"id\":\"2501.00001\",\"title\":\"{escaped}\"}}\n");

        Assert.Equal(title, Assert.Single(items).Record?.Title);
    }

    [Fact]
    public void HfDaily_DamagedGzip_IsARejectionNotAnException()
    {
        // The fuzzer's input: a gzip header over deflate data with a changed byte.
        byte[] bytes = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x03, 0x53, 0xE0, 0x8A, 0x8E, 0x05, 0x00, 0xEC, 0x5C, 0x74, 0xC0, 0x04, 0x00, 0x00, 0x00];

        var item = Assert.Single(Read(HfDailyReader.Read, "2025-06-02.json", bytes));

        Assert.Equal(new SourceLocation("2025-06-02.json", 1), item.Where);
        Assert.StartsWith("the gzip data is damaged (", item.Error);
        Assert.EndsWith("); the rest of the file is skipped", item.Error);
    }

    [Fact]
    public void Snapshot_GzipCutShort_KeepsTheWholeLinesBeforeTheCutAndRejectsTheCutOne()
    {
        // GZipStream ends quietly where a gzip file is cut short, so the reader sees a file that ends early: the
        // lines before the cut are whole and good, the one cut through is bad JSON. Nothing may throw.
        var lines = Enumerable.Range(1, 400).Select(i => $"{{\"id\":\"2501.{i:00000}\",\"title\":\"Paper {i * 7919 % 10007}\"}}\n");
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(string.Concat(lines)));
        var whole = packed.ToArray();

        var items = Read(SnapshotReader.Read, "snapshot.json.gz", whole[..(whole.Length * 2 / 3)]);

        var good = items.TakeWhile(i => i.Record is not null).ToList();
        Assert.InRange(good.Count, 1, 399);
        Assert.Equal(Enumerable.Range(1, good.Count).Select(i => $"2501.{i:00000}"), good.Select(i => i.Record!.ArxivId));
        var cut = Assert.Single(items.Skip(good.Count));
        Assert.Equal(new SourceLocation("snapshot.json.gz", good.Count + 1), cut.Where);
        Assert.StartsWith("invalid JSON: ", cut.Error);
    }

    public void Dispose() => _temp.Dispose();
}
