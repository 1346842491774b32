using Lucene.Net.Store;
using Lock = Lucene.Net.Store.Lock;

namespace Paperboy.Search.Keyword;

/// <summary>
/// Lucene's write lock as an exclusive open of the lock file (an advisory flock on Linux): a second writer, in this
/// process or another, fails to obtain it, and the system releases it when the holder ends, even when killed.
/// Lucene.NET's own native lock does not keep a second process out on Linux: a rebuild from the command line
/// wrote into the index a running server held.
/// </summary>
internal sealed class FileLockFactory(string folder) : LockFactory
{
    public override Lock MakeLock(string lockName) =>
        new FileLock(Path.Combine(folder, string.IsNullOrEmpty(LockPrefix) ? lockName : $"{LockPrefix}-{lockName}"));

    // Nothing to clear: a lock is the open file, not the file's existence, and it ends with its holder.
    public override void ClearLock(string lockName)
    {
    }

    private sealed class FileLock(string path) : Lock
    {
        private FileStream? _held;

        public override bool Obtain()
        {
            if (_held is not null) return false;
            _held = TryOpen(path);
            return _held is not null;
        }

        public override bool IsLocked()
        {
            if (_held is not null) return true;
            using var probe = TryOpen(path);
            return probe is null;
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            _held?.Dispose();
            _held = null;
        }

        public override string ToString() => $"FileLock@{path}";

        private static FileStream? TryOpen(string path)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
        }
    }
}
