namespace Paperboy.Import;

public static class HfDailyReader
{
    public static IEnumerable<ImportItem> Read(InputFile file) => throw new NotImplementedException();
}
