namespace Paperboy.Community.Tokens;

/// <summary>
/// A personal API token. Only the SHA-256 of its secret is stored: the secret is shown once, when it is made.
/// A random 256-bit secret needs no slow password hash, as nobody can guess it from its digest.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>The secret's first characters, shown in lists so a member can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole secret, in lower-case hex.</summary>
    public required string Hash { get; set; }

    /// <summary>What the token may do (<see cref="ApiScopes"/>).</summary>
    public List<string> Scopes { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>The scopes a token can carry; each write through the API needs its own.</summary>
public static class ApiScopes
{
    public const string Vote = "vote";
    public const string Submit = "submit";
    public const string Comment = "comment";

    /// <summary>Read the member's private lists ("for you"), e.g. as a feed URL in a reader.</summary>
    public const string Feed = "feed";

    /// <summary>Read and change what the member follows, and see the papers they marked.</summary>
    public const string Interests = "interests";

    public static readonly IReadOnlyList<string> All = [Vote, Submit, Comment, Feed, Interests];

    public static string Describe(string scope) => scope switch
    {
        Vote => "upvote, withdraw upvotes and mark papers not interested",
        Submit => "submit papers",
        Comment => "post comments",
        Feed => "read your private \"for you\" list and its feed",
        Interests => "see and change the authors and categories you follow and see the papers you marked",
        _ => scope,
    };
}
