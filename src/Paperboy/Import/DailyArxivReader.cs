namespace Paperboy.Import;

public static class DailyArxivReader
{
    public static IEnumerable<ImportItem> Read(InputFile file) => throw new NotImplementedException();
}
