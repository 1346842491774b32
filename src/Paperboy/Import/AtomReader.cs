namespace Paperboy.Import;

public static class AtomReader
{
    public static IEnumerable<ImportItem> Read(InputFile file) => throw new NotImplementedException();
}
