using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// A paper as one source describes it. Fields a source does not carry are null; merging never lets a null
/// erase what another source said (<see cref="PaperMerge"/>).
/// </summary>
public sealed record PaperRecord
{
    public required string ArxivId { get; init; }
    public int Version { get; init; }
    public string? Title { get; init; }
    public string? Abstract { get; init; }
    public List<string>? Authors { get; init; }
    public List<string>? Categories { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? Comment { get; init; }
    public string? JournalRef { get; init; }
    public string? Doi { get; init; }
    public string? GithubRepo { get; init; }
    public string? ProjectPage { get; init; }

    /// <summary>Set when the source put the paper on a daily feed (Hugging Face, daily arXiv listings).</summary>
    public DailyRecord? Daily { get; init; }

    /// <summary>
    /// The links in this record's own comment and abstract; set, with every text field cleaned, by
    /// <see cref="PaperMerge.Normalise"/>. Null on a record as a reader made it.
    /// </summary>
    internal CodeLinks.Found? TextLinks { get; init; }
}

public sealed record DailyRecord
{
    public required DateOnly Day { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public string? SubmittedBy { get; init; }
    public string? SubmitterFullname { get; init; }
    public string? SubmitterAvatarUrl { get; init; }
    public int Upvotes { get; init; }
    public int CommentCount { get; init; }
}

/// <summary>Where a record came from, for error messages: <c>file.jsonl:12</c> or <c>page.xml:record 7</c>.</summary>
public readonly record struct SourceLocation(string File, long Number, bool IsLine = true)
{
    public override string ToString() => IsLine ? $"{File}:{Number}" : $"{File}:record {Number}";
}

/// <summary>One item a reader yields: a record, or the reason a record was rejected.</summary>
public readonly record struct ImportItem(SourceLocation Where, PaperRecord? Record, string? Error)
{
    public static ImportItem Ok(SourceLocation where, PaperRecord record) => new(where, record, null);
    public static ImportItem Bad(SourceLocation where, string reason) => new(where, null, reason);
}
