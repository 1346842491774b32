namespace Paperboy.Exports;

/// <summary>
/// An author's name split the way BibTeX splits one. Sources write names "Given Family" (arXiv, Hugging Face) and
/// now and then "Family, Given"; lower-case particles before the last word belong to the family name ("Ludwig van
/// Beethoven" is van Beethoven, Ludwig), a trailing Jr., Sr. or roman numeral is a suffix, and a name that reads as
/// a group ("ATLAS Collaboration") or a single word is all family name, never turned around.
/// </summary>
public sealed record AuthorName(string Text, string Given, string Family, string? Suffix)
{
    private static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase) { "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV" };

    private static readonly HashSet<string> GroupWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Collaboration", "Collaborations", "Consortium", "Team", "Group", "Project", "Initiative",
    };

    /// <summary>A group or a one-word name: written whole, in every format.</summary>
    public bool IsWhole => Given.Length == 0;

    /// <summary>The name as written by the source (one line); null when nothing is left of it.</summary>
    public static AuthorName? Parse(string? name)
    {
        var text = ExportText.Line(name);
        if (text.Length == 0) return null;
        if (text.Contains(','))
        {
            // "Family, Given" or "Family, Suffix, Given" as BibTeX reads them; any further comma stays in the given names.
            var parts = text.Split(',', 3, StringSplitOptions.TrimEntries);
            if (parts[0].Length == 0) return new AuthorName(text, "", text, null);
            return parts.Length == 3 && parts[2].Length > 0
                ? new AuthorName(text, parts[2], parts[0], parts[1].Length > 0 ? parts[1] : null)
                : new AuthorName(text, parts[1], parts[0], null);
        }
        var words = text.Split(' ');
        if (words.Length == 1 || words.Any(GroupWords.Contains)) return new AuthorName(text, "", text, null);
        var end = words.Length;
        string? suffix = null;
        if (end > 2 && Suffixes.Contains(words[end - 1])) suffix = words[--end];
        var family = end - 1;
        while (family > 1 && IsParticle(words[family - 1])) family--;
        return new AuthorName(text, string.Join(' ', words[..family]), string.Join(' ', words[family..end]), suffix);
    }

    private static bool IsParticle(string word) => char.IsLower(word[0]);
}
