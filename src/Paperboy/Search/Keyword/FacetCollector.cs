using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>
/// Counts categories and years over every document a search matches, from doc values: per segment it counts
/// category ordinals in an array and turns them into names once, when the segment is done, so the cost per match
/// is a few array increments.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    // Indexed by year: 10,000 ints are cheaper than a dictionary lookup per match.
    private readonly int[] _years = new int[10000];
    private SortedSetDocValues? _segmentCategories;
    private int[] _segmentCounts = [];
    private NumericDocValues? _days;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _segmentCategories = context.AtomicReader.GetSortedSetDocValues(KeywordFields.CategoryValues);
        _segmentCounts = _segmentCategories is null ? [] : new int[_segmentCategories.ValueCount];
        _days = context.AtomicReader.GetNumericDocValues(KeywordFields.DayValues);
    }

    public void Collect(int doc)
    {
        if (_segmentCategories is { } categories)
        {
            categories.SetDocument(doc);
            long ord;
            while ((ord = categories.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) _segmentCounts[ord]++;
        }
        // A paper without a date has no value, which reads as 0: not a year.
        if (_days is not null && _days.Get(doc) is > 0 and var day) _years[day / 10000]++;
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
        if (_segmentCategories is null) return;
        var term = new BytesRef();
        for (var ord = 0; ord < _segmentCounts.Length; ord++)
        {
            if (_segmentCounts[ord] == 0) continue;
            _segmentCategories.LookupOrd(ord, term);
            var name = term.Utf8ToString();
            _categories[name] = _categories.GetValueOrDefault(name) + _segmentCounts[ord];
        }
        _segmentCategories = null;
    }
}
