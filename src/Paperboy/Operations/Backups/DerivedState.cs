using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Indexing;
using Paperboy.Search.Keyword;

namespace Paperboy.Operations.Backups;

/// <summary>
/// The data folder's state derived from the database, held for the length of a restore. Holding the full-text
/// index's write lock is also the cheap test that no server runs on this folder (a server holds it while it runs)
/// and keeps one from starting half way through.
/// </summary>
public sealed class DerivedState : IDisposable
{
    private readonly SearchIndexes _indexes;
    private readonly KeywordIndex _keyword;

    private DerivedState(SearchIndexes indexes, KeywordIndex keyword)
    {
        _indexes = indexes;
        _keyword = keyword;
    }

    /// <summary>Takes the index of <paramref name="data"/>, or fails with exit code 2 when a running Paperboy holds it.</summary>
    public static DerivedState Take(DataFolder data)
    {
        var indexes = new SearchIndexes(data, new SearchOptions());
        try
        {
            return new DerivedState(indexes, indexes.Keyword);
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            indexes.Dispose();
            throw new BackupFailure(2, $"{data.Path} is in use by a running Paperboy (its search index is locked): stop it first.");
        }
    }

    /// <summary>
    /// Empties the full-text index and sets its mark to change number 0, so the next catch-up (a server's start,
    /// or <c>paperboy index rebuild</c>) indexes the restored papers from the first. A mark left at the old
    /// database's number would skip every paper the restored database numbers below it, and keep papers it lacks.
    /// Vectors need nothing: every start loads them from <c>paper_embeddings</c>, which came with the backup.
    /// </summary>
    public void Reset()
    {
        _keyword.DeleteAll();
        _keyword.Commit(0);
    }

    public void Dispose() => _indexes.Dispose();
}
