using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Directory = System.IO.Directory;
using Lock = System.Threading.Lock;

namespace Paperboy.Search.Keyword;

/// <summary>
/// The full-text index of papers: Lucene on the local disk, BM25 over title, abstract and authors, English
/// analysis. It is derived from the database and catches up by change number: apply every paper changed since
/// <see cref="CommittedChangeNumber"/> with <see cref="Upsert"/> and <see cref="Delete"/>, then <see cref="Commit"/>
/// the highest change number applied.
/// </summary>
/// <remarks>
/// <para>One instance per folder per machine: it holds Lucene's write lock, and a second one (in this process or
/// another) fails to open with <see cref="LockObtainFailedException"/>. Every member is thread-safe.</para>
/// <para>Reads are near-real-time: a search sees every <see cref="Upsert"/> and <see cref="Delete"/> that returned
/// before it began, committed or not. Only <see cref="Commit"/> makes changes durable; <see cref="Dispose"/> drops
/// what was not committed, and the next catch-up from <see cref="CommittedChangeNumber"/> applies it again.</para>
/// <para>A catch-up should <see cref="Commit"/> after each batch: the commit also opens the reader that sees the
/// batch, so searches do not pay for it. A rebuild may upsert everything and commit once.</para>
/// </remarks>
public sealed class KeywordIndex : IDisposable
{
    /// <summary>The deepest hit a search reaches (<c>offset + limit</c>); deeper pages are empty.</summary>
    public const int MaxResults = 10_000;

    /// <summary>Categories a facet count lists at most.</summary>
    public const int MaxCategoryFacets = 20;

    private const string ChangeNumberKey = "paperboy.changeNumber";

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly PaperAnalyzer _analyzer = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly KeywordQueries _queries;
    private readonly KeywordHighlighter _highlighter;
    private readonly WordScorer _words;
    private readonly Lock _commitLock = new();
    private readonly Lock _refreshLock = new();
    private long _committed;
    // Writes bump the first; a refresh records in the second the write count it is sure to include.
    private long _writes, _refreshedWrites;
    private int _disposed;

    /// <summary>Opens the index in <paramref name="path"/>, creating the folder and an empty index when absent.</summary>
    public KeywordIndex(string path, KeywordIndexOptions? options = null) : this(OpenFolder(path), options)
    {
    }

    /// <summary>
    /// An empty index held in memory, for a small set of papers searched many times (a digest period's papers): the
    /// same analysis, queries and scoring as the index on disk, without the cost a million papers add to every search.
    /// </summary>
    public static KeywordIndex InMemory(KeywordIndexOptions? options = null) => new(new RAMDirectory(), options);

    private KeywordIndex(Lucene.Net.Store.Directory directory, KeywordIndexOptions? options)
    {
        Options = options ?? new KeywordIndexOptions();
        var similarity = new PaperSimilarity(Options.K1, Options.B);
        Similarity = similarity;
        _words = new WordScorer(similarity, Options.ParallelSearchMinimum, Options.ExactBoundMinimum);
        _directory = directory;
        try
        {
            var config = new IndexWriterConfig(PaperAnalyzer.Version, _analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                // The default (TF-IDF) would also shape the stored norms: BM25 on both sides.
                Similarity = Similarity,
                RAMBufferSizeMB = 64,
                MergedSegmentWarmer = new SegmentFacets.Warmer(),
            };
            _writer = new IndexWriter(_directory, config);
            _committed = _writer.CommitData.TryGetValue(ChangeNumberKey, out var n)
                && long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25Searchers(Similarity));
        }
        catch
        {
            _writer?.Rollback();
            _directory.Dispose();
            throw;
        }
        _queries = new KeywordQueries(_analyzer, Options);
        _highlighter = new KeywordHighlighter(_analyzer, _queries);
    }

    public KeywordIndexOptions Options { get; }

    /// <summary>The ranking function, on the writer and on every searcher.</summary>
    public Similarity Similarity { get; }

    /// <summary>
    /// The change number of the last <see cref="Commit"/>, read back from the index when it opens (0 for a new
    /// index): every paper change up to it is in the index on disk.
    /// </summary>
    public long CommittedChangeNumber => Volatile.Read(ref _committed);

    /// <summary>
    /// The change number of the last commit in <paramref name="path"/>, read without opening the index (another
    /// process may hold it): how far a running rebuild or another node's index has got. 0 when there is none yet.
    /// </summary>
    public static long CommittedChangeNumberIn(string path)
    {
        if (!System.IO.Directory.Exists(path)) return 0;
        using var directory = FSDirectory.Open(path);
        if (!DirectoryReader.IndexExists(directory)) return 0;
        var commit = new SegmentInfos();
        commit.Read(directory);
        return commit.UserData.TryGetValue(ChangeNumberKey, out var n)
            && long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
    }

    /// <summary>Papers in the index, committed or not.</summary>
    public int Count => Search(s => s.IndexReader.NumDocs);

    /// <summary>Adds papers, or replaces the ones already there (by <see cref="SearchDocument.PaperId"/>).</summary>
    public void Upsert(IReadOnlyCollection<SearchDocument> documents)
    {
        // Analysis is most of the cost and the writer takes documents from several threads at once (each thread
        // fills its own segment), so a large batch, a rebuild's or a catch-up's, uses every core.
        if (documents.Count < ParallelUpsertMinimum)
            foreach (var d in documents) Add(d);
        else
            Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Add);
        Interlocked.Increment(ref _writes);

        void Add(SearchDocument d) =>
            _writer.UpdateDocument(new Term(KeywordFields.PaperId, KeywordFields.Id(d.PaperId)), KeywordFields.ToDocument(d));
    }

    private const int ParallelUpsertMinimum = 256;

    /// <summary>Removes papers by id; ids not in the index are ignored.</summary>
    public void Delete(IEnumerable<long> paperIds)
    {
        _writer.DeleteDocuments(paperIds.Select(id => new Term(KeywordFields.PaperId, KeywordFields.Id(id))).ToArray());
        Interlocked.Increment(ref _writes);
    }

    /// <summary>Removes every paper, to rebuild from scratch; durable, like any change, only after <see cref="Commit"/>.</summary>
    public void DeleteAll()
    {
        _writer.DeleteAll();
        Interlocked.Increment(ref _writes);
    }

    /// <summary>
    /// Makes every change so far durable and records <paramref name="changeNumber"/> with it as
    /// <see cref="CommittedChangeNumber"/>: the caller says "the index now holds every change up to this one".
    /// </summary>
    public void Commit(long changeNumber)
    {
        lock (_commitLock)
        {
            _writer.SetCommitData(new Dictionary<string, string> { [ChangeNumberKey] = changeNumber.ToString(CultureInfo.InvariantCulture) });
            _writer.Commit();
            Volatile.Write(ref _committed, changeNumber);
        }
        // Opening the reader that sees this batch costs tens of milliseconds at 100k papers: the committing
        // thread (a background catch-up) pays it here, so the next reader's search does not.
        RefreshIfStale();
    }

    /// <summary>
    /// Runs a query: hits <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> (best
    /// first; newest first when the query has no text), the number of matches, and with <paramref name="facets"/>
    /// category and year counts over all matches. An empty query matches every paper.
    /// </summary>
    /// <param name="exactTotal">
    /// False when the caller does not show the number of matches: a query of plain words then skips the matches that
    /// cannot reach the hits asked for, several times faster for common words, and leaves
    /// <see cref="KeywordResults.TotalHits"/> null. The hits are the same either way; facets always count every match.
    /// </param>
    public KeywordResults Search(SearchQuery query, int limit, int offset = 0, bool facets = false, bool exactTotal = true) =>
        Search(query, limit, offset, facets, luceneScorers: false, exactTotal);

    /// <summary>
    /// <see cref="Search(SearchQuery, int, int, bool, bool)"/>, optionally scoring plain words with Lucene's own scorers
    /// instead of <see cref="WordScorer"/>: the same results, much slower; for the test that shows they are the same.
    /// </summary>
    internal KeywordResults Search(SearchQuery query, int limit, int offset, bool facets, bool luceneScorers, bool exactTotal = true)
    {
        offset = Math.Clamp(offset, 0, MaxResults);
        limit = Math.Clamp(limit, 0, MaxResults - offset);
        var ranking = _queries.Ranking(query);
        var filter = _queries.Filter(query);
        if (!luceneScorers && _queries.Words(query) is { } words)
            return Search(searcher =>
            {
                var counts = facets ? new FacetCollector() : null;
                var (top, total) = _words.Search(searcher, words, KeywordQueries.TieBreaker, filter, Math.Max(1, offset + limit), counts,
                    countAll: exactTotal);
                var hits = top.Skip(offset).Take(limit).Select(d => Hit(searcher.IndexReader.Leaves, d)).ToList();
                return new KeywordResults(hits, total, counts?.Result(MaxCategoryFacets));
            });
        return Search(searcher =>
        {
            var wanted = Math.Max(1, offset + limit);
            ITopDocsCollector top = ranking is null
                ? TopFieldCollector.Create(NewestFirst, wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false)
                : TopScoreDocCollector.Create(wanted, docsScoredInOrder: false);
            var counts = facets ? new FacetCollector() : null;
            searcher.Search(ranking ?? new MatchAllDocsQuery(), filter, counts is null ? top : MultiCollector.Wrap(top, counts));
            var hits = top.GetTopDocs(offset, limit).ScoreDocs.Select(d => Hit(searcher.IndexReader.Leaves, d)).ToList();
            return new KeywordResults(hits, top.TotalHits, counts?.Result(MaxCategoryFacets));
        });
    }

    /// <summary>
    /// Which of <paramref name="paperIds"/> pass the filters of <paramref name="query"/> (author, category, dates,
    /// code; its words are ignored): how results found elsewhere, by meaning, are narrowed like keyword results.
    /// </summary>
    public HashSet<long> PassingFilters(SearchQuery query, IReadOnlyCollection<long> paperIds)
    {
        if (_queries.Filter(query) is not { } filter) return [.. paperIds];
        var wanted = paperIds as HashSet<long> ?? [.. paperIds];
        return Search(searcher =>
        {
            // Each matching document's paper id is read from doc values and looked up, in one pass over the filter's
            // matches: seeking each id's term in each segment cost tens of milliseconds for a thousand ids.
            var passing = new HashSet<long>();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var matches = filter.GetDocIdSet(leaf, reader.LiveDocs)?.GetIterator();
                var ids = reader.GetNumericDocValues(KeywordFields.PaperIdValues);
                if (matches is null || ids is null) continue;
                for (var doc = matches.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = matches.NextDoc())
                {
                    if (reader.LiveDocs is not null && !reader.LiveDocs.Get(doc)) continue;
                    var id = ids.Get(doc);
                    if (wanted.Contains(id)) passing.Add(id);
                }
            }
            return passing;
        });
    }

    /// <summary>A title and an abstract with the query's words marked, HTML-encoded (see <see cref="KeywordHighlight"/>).</summary>
    public KeywordHighlight Highlight(SearchQuery query, string title, string abstractText) =>
        _highlighter.Highlight(query, title, abstractText);

    /// <summary>Closes the index, dropping changes not committed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _searchers.Dispose();
        _writer.Rollback();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private static FSDirectory OpenFolder(string path)
    {
        Directory.CreateDirectory(path);
        return FSDirectory.Open(new DirectoryInfo(path), new FileLockFactory(path));
    }

    private static readonly Sort NewestFirst = new(new SortField(KeywordFields.DayValues, SortFieldType.INT32, reverse: true));
    private static KeywordHit Hit(IList<AtomicReaderContext> leaves, ScoreDoc d)
    {
        var leaf = leaves[ReaderUtil.SubIndex(d.Doc, leaves)];
        var doc = d.Doc - leaf.DocBase;
        var arxivId = new BytesRef();
        leaf.AtomicReader.GetBinaryDocValues(KeywordFields.ArxivIdValues).Get(doc, arxivId);
        return new KeywordHit(leaf.AtomicReader.GetNumericDocValues(KeywordFields.PaperIdValues).Get(doc),
            arxivId.Utf8ToString(), float.IsNaN(d.Score) ? 0 : d.Score);
    }

    /// <summary>Runs <paramref name="read"/> on a searcher that sees every write that returned before this call.</summary>
    private T Search<T>(Func<IndexSearcher, T> read)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        RefreshIfStale();
        var searcher = _searchers.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Opens a new near-real-time reader when there were writes since the last one. Done on commit and on the first
    /// read after uncommitted writes, never on every write, so a bulk load does not open a reader per batch; the
    /// lock makes concurrent readers wait for one refresh rather than start several.
    /// </summary>
    private void RefreshIfStale()
    {
        if (Volatile.Read(ref _refreshedWrites) >= Volatile.Read(ref _writes)) return;
        lock (_refreshLock)
        {
            var writes = Volatile.Read(ref _writes);
            if (_refreshedWrites >= writes) return;
            _searchers.MaybeRefreshBlocking();
            Volatile.Write(ref _refreshedWrites, writes);
        }
    }

    private sealed class Bm25Searchers(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
