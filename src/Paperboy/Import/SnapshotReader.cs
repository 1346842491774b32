namespace Paperboy.Import;

public static class SnapshotReader
{
    public static IEnumerable<ImportItem> Read(InputFile file) => throw new NotImplementedException();
}
