namespace Paperboy.Community.Comments;

public static class CommentRules
{
    /// <summary>Characters of Markdown in one comment; longer ones are refused with a message.</summary>
    public const int MaxLength = 10_000;

    /// <summary>Replies nest at most this deep on the page; deeper replies are shown at this depth.</summary>
    public const int MaxDepth = 6;
}
