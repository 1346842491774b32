namespace Paperboy.Data;

/// <summary>
/// One server per data folder. Two servers on one folder would both write its full-text index, and Lucene's own
/// lock does not keep a second process out here (such an index was found corrupt), so <c>serve</c> holds this
/// file's exclusive lock (an advisory flock, released by the system when the process ends, even when killed)
/// and a second server stops before it opens anything.
/// </summary>
public static class DataFolderLock
{
    public const string FileName = "serve.lock";

    /// <summary>
    /// False when another process holds the lock. Otherwise <paramref name="held"/> is the lock, kept until
    /// disposed, or null for a folder where the file can be neither created nor opened (a read-only mount):
    /// nothing can be written there anyway.
    /// </summary>
    public static bool TryTake(DataFolder folder, out IDisposable? held)
    {
        var path = System.IO.Path.Combine(folder.Path, FileName);
        held = null;
        try
        {
            Directory.CreateDirectory(folder.Path);
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (IOException) when (File.Exists(path) && HeldByAnother(path))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    // A file that opens for shared reading but not exclusively is locked by someone; one that opens neither way is unreadable.
    private static bool HeldByAnother(string path)
    {
        try
        {
            using var shared = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
