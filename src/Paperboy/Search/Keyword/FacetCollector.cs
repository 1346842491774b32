using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>
/// Counts categories and years over every document a search matches: per segment, category ordinals into an
/// array (<see cref="SegmentFacets"/>), turned into names once when the segment is done.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    // Indexed by year (DateOnly's years end at 9999): cheaper than a dictionary lookup per match, and small
    // enough (40 KB) to stay off the large-object heap.
    private readonly int[] _years = new int[10_000];
    private SegmentFacets? _segment;
    private int[] _segmentCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _segment = SegmentFacets.For(context.AtomicReader);
        _segmentCounts = new int[_segment.Names.Length];
    }

    public void Collect(int doc)
    {
        var s = _segment!;
        for (int i = s.Starts[doc], end = s.Starts[doc + 1]; i < end; i++) _segmentCounts[s.Ordinals[i]]++;
        // A paper without a date has year 0, which is not counted.
        _years[s.Years[doc]]++;
    }

    /// <summary>Adds the counts of another collector (one that counted other segments).</summary>
    public void Add(FacetCollector other)
    {
        other.FlushSegment();
        foreach (var (name, count) in other._categories) _categories[name] = _categories.GetValueOrDefault(name) + count;
        for (var y = 0; y < _years.Length; y++) _years[y] += other._years[y];
    }

    public KeywordFacets Result(int maxCategories)
    {
        FlushSegment();
        var categories = _categories.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(maxCategories).Select(c => new CategoryCount(c.Key, c.Value)).ToList();
        var years = new List<YearCount>();
        for (var y = _years.Length - 1; y > 0; y--)
            if (_years[y] > 0) years.Add(new YearCount(y, _years[y]));
        return new KeywordFacets(categories, years);
    }

    private void FlushSegment()
    {
        if (_segment is null) return;
        for (var ord = 0; ord < _segmentCounts.Length; ord++)
        {
            if (_segmentCounts[ord] == 0) continue;
            var name = _segment.Names[ord];
            _categories[name] = _categories.GetValueOrDefault(name) + _segmentCounts[ord];
        }
        _segment = null;
    }
}
