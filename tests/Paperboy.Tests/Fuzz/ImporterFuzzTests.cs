using System.Text;
using CsCheck;
using Paperboy.Import;
using Paperboy.Import.OaiPmh;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// Each importer against generated documents, well-formed and mutated: it returns records that keep the reader
/// contract (<see cref="ReaderContract"/>) and rejections with a place and a reason, or, for an OAI-PMH page, throws
/// <see cref="HarvestException"/>; anything else it throws is a crash. Every crash found became a case in
/// <see cref="FuzzRegressionTests"/>.
/// </summary>
public sealed class ImporterFuzzTests : IDisposable
{
    private const int Seconds = 6;

    private readonly TempFolder _temp = new();
    private readonly Outcomes _outcomes = new();

    [Fact]
    public async Task Atom_AnyInput_RecordsOrRejectionsNeverAnException()
    {
        await FuzzRun.Sample(FuzzInputs.Mutated(AtomDocuments.Feed, FuzzXml.Tokens), bytes =>
        {
            var items = ReaderContract.Bounded(bytes.Length, () => AtomReader.Read(new MemoryStream(bytes), "query.xml").ToList());
            ReaderContract.Items(items, "query.xml");
            _outcomes.Count(items);
        }, FuzzInputs.Print, Seconds);
        _outcomes.AssertBothSeen();
    }

    [Fact]
    public async Task OaiPmh_AnyInput_APageOrAHarvestException()
    {
        await FuzzRun.Sample(FuzzInputs.Mutated(OaiDocuments.Page, FuzzXml.Tokens), bytes =>
        {
            OaiPage page;
            try
            {
                page = ReaderContract.Bounded(bytes.Length, () => OaiPageReader.Read(new MemoryStream(bytes), "page 2"));
            }
            catch (HarvestException e)
            {
                Assert.StartsWith("page 2: ", e.Message, StringComparison.Ordinal);
                ReaderContract.Reason(e.Message, "page 2");
                return;
            }
            ReaderContract.Items(page.Items, "page 2");
            Assert.All(page.Items, i => Assert.False(i.Where.IsLine));
            Assert.True(page.Deleted >= 0);
            Assert.NotEqual("", page.ResumptionToken);
            if (page.Error is { } error) ReaderContract.Reason(error.ToString(), "page 2");
            _outcomes.Count(page.Items);
        }, FuzzInputs.Print, Seconds);
        _outcomes.AssertBothSeen();
    }

    [Fact]
    public Task Snapshot_AnyInput_RecordsOrRejectionsNeverAnException() =>
        JsonLines(JsonDocuments.Snapshot, SnapshotReader.Read, "arxiv-metadata-oai-snapshot.json");

    [Fact]
    public Task DailyArxiv_AnyInput_RecordsOrRejectionsNeverAnException() =>
        JsonLines(JsonDocuments.DailyArxiv, DailyArxivReader.Read, "daily.jsonl");

    [Fact]
    public async Task HfDaily_AnyInput_RecordsOrRejectionsNeverAnException()
    {
        var inputs = Gen.Select(JsonDocuments.HfDaily, FuzzInputs.Edits, Gen.Int[0, 7], (doc, edits, gzip) =>
            (doc.Name, Bytes: FuzzInputs.Apply(Encoding.UTF8.GetBytes(doc.Text), edits, FuzzJson.Tokens), gzip));
        var gzipped = inputs.SelectMany(i => i.gzip == 0 ? FuzzInputs.Gzipped(Gen.Const(i.Bytes)).Select(b => (i.Name, Bytes: b)) : Gen.Const((i.Name, i.Bytes)));
        await FuzzRun.Sample(gzipped, input => Read(input.Name, input.Bytes, HfDailyReader.Read),
            input => $"{input.Name}: {FuzzInputs.Print(input.Bytes)}", Seconds);
        _outcomes.AssertBothSeen();
    }

    private async Task JsonLines(Gen<string> documents, Func<InputFile, IEnumerable<ImportItem>> read, string name)
    {
        await FuzzRun.Sample(FuzzInputs.MaybeGzipped(FuzzInputs.Mutated(documents, FuzzJson.Tokens)), bytes => Read(name, bytes, read),
            FuzzInputs.Print, Seconds);
        _outcomes.AssertBothSeen();
    }

    /// <summary>The file readers read files: each fuzzing thread writes its input to a file of its own.</summary>
    private void Read(string name, byte[] bytes, Func<InputFile, IEnumerable<ImportItem>> read)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, $"thread-{Environment.CurrentManagedThreadId}"));
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        var items = ReaderContract.Bounded(bytes.Length, () =>
        {
            using var file = new InputFile(path);
            return read(file).ToList();
        });
        ReaderContract.Items(items, name);
        _outcomes.Count(items);
    }

    public void Dispose() => _temp.Dispose();
}
