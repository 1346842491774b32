namespace Paperboy.Community.Votes;

/// <summary>One user's upvote of one paper; the key (UserId, PaperId) makes a second vote impossible.</summary>
public sealed class Vote
{
    public long UserId { get; set; }
    public long PaperId { get; set; }
    public DateTime CreatedAt { get; set; }
}
