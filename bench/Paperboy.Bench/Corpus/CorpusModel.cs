using System.Text;

namespace Paperboy.Bench.Corpus;

/// <summary>A part of a name, kept both as text (for user names) and escaped (for the output).</summary>
public readonly record struct NamePart(string Text, JsonText Json)
{
    public static NamePart Of(string s) => new(s, JsonText.Of(s));
}

/// <summary>
/// Everything the generator draws from: text models for titles, abstracts and comments, and the distributions of
/// author counts, name parts and category lists. Learned from the real listings when they are at hand
/// (<see cref="ModelLearner"/>), else the small <see cref="BuiltinModel"/>.
/// </summary>
public sealed class CorpusModel
{
    public required string Source { get; init; }
    public required TextModel Titles { get; init; }
    public required TextModel Abstracts { get; init; }
    public required TextModel Comments { get; init; }
    /// <summary>Share of papers with a comment (about half on arXiv).</summary>
    public required double CommentRate { get; init; }
    /// <summary>Share of abstracts hard-wrapped at 80 columns, as arXiv's own listings deliver them.</summary>
    public required double WrapRate { get; init; }
    public required Distribution<int> AuthorCounts { get; init; }
    /// <summary>Everything before a name's last word ("" for one-word names).</summary>
    public required Distribution<NamePart> GivenNames { get; init; }
    public required Distribution<NamePart> FamilyNames { get; init; }
    /// <summary>Whole category lists, primary first, encoded as JSON arrays: this keeps which categories go together.</summary>
    public required Distribution<byte[]> CategoryLists { get; init; }
    /// <summary>
    /// Ids already used by the real listings, by YYMM, so a generated paper never collides with a real one when
    /// both are imported into one database.
    /// </summary>
    public IReadOnlyDictionary<int, HashSet<int>> TakenIds { get; init; } = new Dictionary<int, HashSet<int>>();

    public static byte[] CategoryJson(IEnumerable<string> categories)
    {
        var sb = new List<byte>();
        sb.Add((byte)'[');
        var first = true;
        foreach (var c in categories)
        {
            if (!first) sb.Add((byte)',');
            first = false;
            sb.Add((byte)'"');
            sb.AddRange(JsonText.Of(c).Utf8);
            sb.Add((byte)'"');
        }
        sb.Add((byte)']');
        return [.. sb];
    }

    public string Describe() => new StringBuilder()
        .Append(Source)
        .Append($": {Titles.Vocabulary:N0} title words ({Titles.Bigrams:N0} bigrams), ")
        .Append($"{Abstracts.Vocabulary:N0} abstract words ({Abstracts.Bigrams:N0} bigrams), ")
        .Append($"{GivenNames.Count:N0} given names, {FamilyNames.Count:N0} family names, {CategoryLists.Count:N0} category lists")
        .ToString();
}
