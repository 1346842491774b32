using System.Text;
using System.Text.RegularExpressions;
using Paperboy.Import.OaiPmh;
using Paperboy.Search.Embeddings;

namespace Paperboy.Recommendations;

public enum FollowKind
{
    Author,
    Category,
}

/// <summary>
/// A member follows an author name or an arXiv category. <see cref="Value"/> is what pages show; <see cref="Key"/>
/// is what makes two follows the same ("Kovač" and "kovac"), so the key (UserId, Kind, Key) refuses a second row
/// however many requests race.
/// </summary>
public sealed class Follow
{
    public long UserId { get; set; }
    public FollowKind Kind { get; set; }

    /// <summary>An author as the member typed it (trimmed), or a category in arXiv's spelling (<c>cs.CL</c>).</summary>
    public required string Value { get; set; }

    /// <summary><see cref="Value"/> in lower case, accents dropped and spaces collapsed (<see cref="FollowTarget.KeyOf"/>).</summary>
    public required string Key { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A checked follow: its kind, the value to store and show, and its key.</summary>
public sealed partial record FollowTarget(FollowKind Kind, string Value, string Key)
{
    public const int MaxAuthor = 200;
    public const int MaxCategory = 64;

    /// <summary>The API's and forms' names of the kinds.</summary>
    public static string Name(FollowKind kind) => kind == FollowKind.Author ? "author" : "category";

    /// <summary>
    /// Reads a follow from a form or a request: <paramref name="kind"/> is "author" or "category". An author is
    /// 1 to 200 characters once trimmed; a category has arXiv's shape (<c>cs.CL</c>, <c>hep-th</c>, or an archive
    /// such as <c>cs</c>, meaning all of it, as the search's <c>category:</c> filter reads it), spelled as arXiv
    /// does when the taxonomy knows it. The error is a sentence for the member.
    /// </summary>
    public static bool TryParse(string? kind, string? value, out FollowTarget target, out string error)
    {
        target = null!;
        error = "";
        var text = Collapse(value ?? "");
        switch (kind?.Trim().ToLowerInvariant())
        {
            case "author":
                if (text.Length == 0 || !text.Any(char.IsLetterOrDigit)) { error = "Give an author's name to follow."; return false; }
                if (text.Length > MaxAuthor) { error = $"An author's name has at most {MaxAuthor} characters."; return false; }
                target = new FollowTarget(FollowKind.Author, text, KeyOf(text));
                return true;
            case "category":
                if (text.Length == 0) { error = "Give an arXiv category to follow, such as cs.CL."; return false; }
                if (text.Length > MaxCategory || !CategoryPattern().IsMatch(text))
                {
                    error = $"\"{Cut(text)}\" is not an arXiv category (such as cs.CL, hep-th, or cs for all of computer science).";
                    return false;
                }
                var spelled = ArxivSubjects.Canonical(text) ?? text;
                target = new FollowTarget(FollowKind.Category, spelled, spelled.ToLowerInvariant());
                return true;
            default:
                error = "Say what to follow: kind is \"author\" or \"category\".";
                return false;
        }
    }

    /// <summary>
    /// Lower case, accents dropped (as the search folds author names), runs of spaces made one: "José  García" and
    /// "jose garcia" are the same author to follow.
    /// </summary>
    public static string KeyOf(string text) => Collapse(AccentFolding.Fold(text)).ToLowerInvariant();

    /// <summary>
    /// Whether a paper's author is the followed one, read as the search's <c>author:</c> filter reads a name: its
    /// words appear in the author's name in this order, case and accents ignored ("hinton" follows Geoffrey Hinton).
    /// </summary>
    public static bool AuthorMatches(string followedKey, string paperAuthor)
    {
        var want = Words(followedKey);
        var have = Words(KeyOf(paperAuthor));
        if (want.Length == 0) return false;
        for (var start = 0; start + want.Length <= have.Length; start++)
            if (want.AsSpan().SequenceEqual(have.AsSpan(start, want.Length))) return true;
        return false;
    }

    private static string[] Words(string key)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in key + " ")
        {
            if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
        return [.. words];
    }

    private static string Collapse(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsControl(c)) continue;
            if (char.IsWhiteSpace(c)) { if (b.Length > 0 && b[^1] != ' ') b.Append(' '); }
            else b.Append(c);
        }
        return b.ToString().TrimEnd();
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // The same shape as the search's category: filter.
    [GeneratedRegex(@"^[A-Za-z]+(?:-[A-Za-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$")]
    private static partial Regex CategoryPattern();
}
