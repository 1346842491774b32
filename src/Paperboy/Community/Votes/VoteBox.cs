namespace Paperboy.Community.Votes;

/// <summary>
/// What the upvote box of a card or a paper page draws: the paper, its total upvotes, whether the reader upvoted
/// it, and whether it can be voted on at all (a paper on the feed and not hidden).
/// </summary>
public sealed record VoteBox(string ArxivId, int Upvotes, bool Voted, bool Open)
{
    public const string Partial = "/Community/Votes/_VoteBox.cshtml";
}
