namespace Paperboy.Papers;

/// <summary>
/// A paper on the daily feed. A paper is on the feed at most once (unique <see cref="PaperId"/>): when two
/// sources put it on different days, the earliest day wins.
/// </summary>
public sealed class DailyEntry
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public Paper Paper { get; set; } = null!;

    /// <summary>The feed day, in the site's time zone.</summary>
    public DateOnly Day { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>User name of whoever put it on the feed (a Hugging Face user name for imported entries).</summary>
    public string? SubmittedBy { get; set; }
    public string? SubmitterFullname { get; set; }
    public string? SubmitterAvatarUrl { get; set; }

    public int Upvotes { get; set; }
    public int CommentCount { get; set; }
}
