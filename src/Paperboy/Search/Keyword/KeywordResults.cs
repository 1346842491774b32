namespace Paperboy.Search.Keyword;

/// <summary>One matching paper. <see cref="Score"/> is BM25's (0 when ordered newest first, without text).</summary>
public sealed record KeywordHit(long PaperId, string ArxivId, float Score);

/// <summary>
/// A page of hits, how many papers match in all (null when the search was asked not to count them and did not),
/// and facet counts when they were asked for.
/// </summary>
public sealed record KeywordResults(IReadOnlyList<KeywordHit> Hits, int? TotalHits, KeywordFacets? Facets);

/// <summary>
/// Counts over every matching paper (not just the page): the most frequent categories (at most
/// <see cref="KeywordIndex.MaxCategoryFacets"/>, most papers first, then by name) and every year (newest first).
/// A paper counts once in each of its categories.
/// </summary>
public sealed record KeywordFacets(IReadOnlyList<CategoryCount> Categories, IReadOnlyList<YearCount> Years);

/// <summary>Matching papers in one arXiv category, spelled as arXiv does (<c>cs.CL</c>).</summary>
public sealed record CategoryCount(string Category, int Count);

/// <summary>Matching papers published in one year.</summary>
public sealed record YearCount(int Year, int Count);

/// <summary>
/// Title and abstract ready to put in a page as HTML: all text is encoded, and the words that matched are wrapped
/// in <c>&lt;mark&gt;</c>. The abstract is up to three passages around the matches joined by " … ", or its
/// opening when nothing in it matched.
/// </summary>
public sealed record KeywordHighlight(string TitleHtml, string AbstractHtml);
