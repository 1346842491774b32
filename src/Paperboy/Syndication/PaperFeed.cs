using Paperboy.Papers;

namespace Paperboy.Syndication;

/// <summary>
/// What one feed says, whatever its format: which feed it is (<see cref="Link"/>, whose title it takes and whose
/// address is its permanent id), a sentence about it, the page that shows the same list (<see cref="AlternatePath"/>,
/// relative to the site), and its papers in order.
/// </summary>
public sealed record PaperFeed(FeedLink Link, string Description, string AlternatePath, IReadOnlyList<PaperView> Papers);
