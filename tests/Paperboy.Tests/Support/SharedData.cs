namespace Paperboy.Tests.Support;

/// <summary>
/// The real data in ../shared/data beside the repository. A user's fresh clone has none: tests that need it
/// skip with a message saying so.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The full path of a file under shared/data, or a skip when the folder is absent.</summary>
    public static string File(string relative)
    {
        if (Root.Value is null)
            Assert.Skip("../shared/data is absent (it sits beside the repository on the project's machines); this test needs its real files");
        var path = Path.Combine(Root.Value, relative);
        if (!System.IO.File.Exists(path) && !Directory.Exists(path))
            Assert.Skip($"{path} is missing from ../shared/data");
        return path;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate) && System.IO.File.Exists(Path.Combine(dir.FullName, "shared", "data", "README.md")))
                return candidate;
        }
        return null;
    }
}
