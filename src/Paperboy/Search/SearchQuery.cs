namespace Paperboy.Search;

/// <summary>
/// What a reader typed in the search box, parsed once and shared by every engine (keyword, vector, hybrid).
/// <see cref="Parse"/> never throws: whatever it cannot read as a filter becomes plain text, with a
/// <see cref="Notes">note</see> the page can show.
/// </summary>
/// <remarks>
/// <para>Syntax (filter names are case-insensitive; filters combine with AND, except categories):</para>
/// <list type="bullet">
/// <item><c>graph neural networks</c>: plain words; a document matching more of them ranks higher.</item>
/// <item><c>"attention is all you need"</c>: a phrase the title, abstract or authors must contain.</item>
/// <item><c>author:hinton</c>, <c>author:"Geoffrey Hinton"</c>: an author whose name contains these words in
/// this order (case and accents ignored). Several <c>author:</c> filters all must match (co-authors).</item>
/// <item><c>category:cs.CL</c>: that category; <c>category:cs</c> (no dot) is the whole archive, every
/// <c>cs.*</c> category. Several <c>category:</c> filters match a paper in any of them.</item>
/// <item><c>year:2024</c>, <c>year:2020..2023</c>, <c>year:2021..</c>, <c>year:..2023</c>; <c>date:2025-01-01..2025-03-31</c>
/// (a date is <c>YYYY-MM-DD</c>, <c>YYYY-MM</c> or <c>YYYY</c>; both ends inclusive). Several ranges intersect.</item>
/// <item><c>has:code</c>: papers that link a code repository.</item>
/// <item><c>2501.01234</c>, <c>hep-th/9901001</c>, <c>arXiv:2501.01234v2</c>, an arxiv.org link, or
/// <c>arxiv:ID</c>: that paper matches, whatever the rest of the query says.</item>
/// </list>
/// <para>Input is cut to <see cref="MaxLength"/> characters and <see cref="MaxTerms"/> words and phrases; control
/// characters and broken UTF-16 become spaces.</para>
/// </remarks>
public sealed class SearchQuery
{
    /// <summary>Characters of input read; the rest is dropped with a note.</summary>
    public const int MaxLength = 1000;

    /// <summary>Words and phrases kept; the rest are dropped with a note (each one costs the engines a clause).</summary>
    public const int MaxTerms = 64;

    /// <summary>The input as read: cleaned of control characters and cut to <see cref="MaxLength"/>.</summary>
    public string Input { get; init; } = "";

    /// <summary>The plain words (not phrases, not filters), in the order typed.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>The quoted phrases, without their quotes, in the order typed.</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>
    /// The words and phrases as one string in the order typed, without quotes or filters: what an embedding
    /// model should read. Empty when the query is only filters.
    /// </summary>
    public string Text { get; init; } = "";

    /// <summary>Author names from <c>author:</c> filters, as typed; all must match.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>Categories from <c>category:</c> filters, as typed; any may match. A value without a dot is an archive.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>First publication day included, from <c>year:</c> or <c>date:</c>; null for no lower bound.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last publication day included, from <c>year:</c> or <c>date:</c>; null for no upper bound.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Set by <c>has:code</c>: only papers that link a code repository.</summary>
    public bool HasCode { get; init; }

    /// <summary>Canonical arXiv ids (no version) typed as ids or links; each names a paper that matches outright.</summary>
    public IReadOnlyList<string> ArxivIds { get; init; } = [];

    /// <summary>What the parser could not read and what it did instead, in plain words for the page.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>There are words or phrases to rank by.</summary>
    public bool HasText => Words.Count > 0 || Phrases.Count > 0;

    /// <summary>There is a filter (author, category, date range or has:code) that narrows the results.</summary>
    public bool HasFilters => Authors.Count > 0 || Categories.Count > 0 || From is not null || To is not null || HasCode;

    /// <summary>Nothing to search by: no text, no filter, no arXiv id.</summary>
    public bool IsEmpty => !HasText && !HasFilters && ArxivIds.Count == 0;

    /// <summary>Parses a query; null, empty or junk input gives an empty query, never an exception.</summary>
    public static SearchQuery Parse(string? input) => new SearchQueryParser(input ?? "").Parse();
}
