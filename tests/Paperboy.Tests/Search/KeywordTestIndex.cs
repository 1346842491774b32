using System.Globalization;
using Paperboy.Search;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search;

/// <summary>A keyword index in its own temporary folder, removed on dispose, and papers to fill it with.</summary>
public sealed class KeywordTestIndex : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("paperboy-keyword-").FullName;

    public KeywordIndex Index { get; private set; }

    public KeywordTestIndex(params SearchDocument[] papers) : this(null, papers) { }

    public KeywordTestIndex(KeywordIndexOptions? options, params SearchDocument[] papers)
    {
        Index = new KeywordIndex(Folder, options);
        if (papers.Length > 0) Index.Upsert(papers);
    }

    /// <summary>Closes the index and opens it again from disk, as a restarted process would.</summary>
    public KeywordIndex Reopen()
    {
        Index.Dispose();
        return Index = new KeywordIndex(Folder);
    }

    public KeywordResults Search(string query, int limit = 10, int offset = 0, bool facets = false) =>
        Index.Search(SearchQuery.Parse(query), limit, offset, facets);

    /// <summary>The paper ids a query finds, best first.</summary>
    public long[] Ids(string query, int limit = 10) => Search(query, limit).Hits.Select(h => h.PaperId).ToArray();

    public void Dispose()
    {
        Index.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    public static SearchDocument Paper(long id, string title, string abstractText = "", string[]? authors = null,
        string[]? categories = null, string? published = null, bool hasCode = false, string? arxivId = null) =>
        new(id, arxivId ?? $"2501.{id:D5}", title, abstractText, authors ?? [], categories ?? [],
            published is null ? null : DateTime.Parse(published, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            hasCode, id);
}
