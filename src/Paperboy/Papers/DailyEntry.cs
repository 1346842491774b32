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

    /// <summary>The member who submitted it here; null for imported entries.</summary>
    public long? SubmitterId { get; set; }

    /// <summary>Upvotes and comments the source reported (Hugging Face's counts when imported).</summary>
    public int Upvotes { get; set; }
    public int CommentCount { get; set; }

    /// <summary>
    /// Votes and visible comments made on this site. Kept apart from the imported counts so that a re-import
    /// never overwrites them, and always equal to the rows of the votes and comments tables.
    /// </summary>
    public int LocalUpvotes { get; set; }
    public int LocalComments { get; set; }

    public int TotalUpvotes => Upvotes + LocalUpvotes;
    public int TotalComments => CommentCount + LocalComments;

    /// <summary>The trending score (<see cref="Community.Trending.TrendingScore"/>), indexed for the trending list.</summary>
    public double Trending { get; set; }

    /// <summary>Hidden by a moderator: off every list, its page shown to moderators only.</summary>
    public DateTime? HiddenAt { get; set; }
}
