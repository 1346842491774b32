namespace Paperboy.Search;

/// <summary>
/// A paper as the search indexes see it: what is matched (title, abstract, authors, id), what is filtered and
/// counted (categories, date, code), and the change number that says how current it is.
/// </summary>
public sealed record SearchDocument(
    long PaperId, string ArxivId, string Title, string Abstract, IReadOnlyList<string> Authors,
    IReadOnlyList<string> Categories, DateTime? PublishedAt, bool HasCode, long ChangeNumber);
