using Paperboy.Import;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// Counts what a fuzz run produced. A generator that only ever made junk would test the rejection path alone and
/// pass whatever the reader does with good records, so a run must have seen both.
/// </summary>
public sealed class Outcomes
{
    private long _records, _rejections;

    public void Count(IEnumerable<ImportItem> items)
    {
        foreach (var item in items)
            Interlocked.Increment(ref item.Record is null ? ref _rejections : ref _records);
    }

    public void AssertBothSeen()
    {
        if (FuzzSettings.Iterations == 1) return; // replaying one seed
        TestContext.Current.TestOutputHelper?.WriteLine($"records {_records:N0}, rejections {_rejections:N0}");
        Assert.True(_records > 0, "no generated input gave a record: the generators have stopped making good documents");
        Assert.True(_rejections > 0, "no generated input gave a rejection: the generators have stopped making bad documents");
    }
}
