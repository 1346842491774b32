using System.Diagnostics;
using Paperboy.Import;
using Paperboy.Papers;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// What every importer promises whatever it is given: each item is a record or a one-line reason, located in the
/// file; a record has a canonical arXiv id and a title, and survives the normalising every import does next.
/// </summary>
public static class ReaderContract
{
    /// <summary>Far beyond any honest input here (at most 256 KB): a reader this slow loops or backtracks.</summary>
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(10);

    /// <summary>Buffers, pools and parser state for one small input; the rest is allowed in proportion to its size.</summary>
    private const long MaxAllocation = 64L << 20;

    public static void Items(IReadOnlyList<ImportItem> items, string file)
    {
        long previous = 0;
        foreach (var item in items)
        {
            Assert.True(item.Record is null != (item.Error is null), $"{item.Where}: an item must be a record or a rejection, not both or neither");
            Assert.Equal(file, item.Where.File);
            Assert.True(item.Where.Number >= 1, $"{item.Where}: located before the start of the file");
            Assert.True(item.Where.Number >= previous, $"{item.Where}: located before the item read ahead of it ({previous})");
            previous = item.Where.Number;
            if (item.Error is { } error) Reason(error, item.Where.ToString());
            else Record(item.Record!);
        }
    }

    /// <summary>A reason is printed as one line, so it must be one line, and say something.</summary>
    public static void Reason(string error, string where)
    {
        Assert.False(string.IsNullOrWhiteSpace(error), $"{where}: rejected without a reason");
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\r', error);
    }

    public static void Record(PaperRecord r)
    {
        Assert.True(ArxivId.TryParse(r.ArxivId, out var again, out var version) && again == r.ArxivId && version == 0,
            $"the record's id {FuzzInputs.Print(r.ArxivId)} is not a canonical arXiv id");
        Assert.True(r.Version >= 0, $"{r.ArxivId}: version {r.Version}");
        Assert.False(string.IsNullOrWhiteSpace(r.Title), $"{r.ArxivId}: a record without a title");
        Assert.DoesNotContain(null, r.Authors ?? []);
        Assert.DoesNotContain(null, r.Categories ?? []);
        // The import runner cleans every record before writing it; a record that breaks there breaks the import.
        var clean = PaperMerge.Normalise(r);
        Assert.False(string.IsNullOrEmpty(clean.Title), $"{r.ArxivId}: the title is empty once cleaned");
    }

    /// <summary>
    /// Runs one read, failing it when it takes far too long or allocates far too much for its input: entity
    /// expansion or a buffer that grows without end shows here before it takes the machine down.
    /// </summary>
    public static T Bounded<T>(int inputBytes, Func<T> read)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = read();
        Assert.True(clock.Elapsed < MaxTime, $"one input of {inputBytes:N0} bytes took {clock.Elapsed.TotalSeconds:N1} s");
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(allocated < MaxAllocation + 200L * inputBytes, $"one input of {inputBytes:N0} bytes allocated {allocated:N0} bytes");
        return result;
    }
}
