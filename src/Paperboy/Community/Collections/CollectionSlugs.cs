using System.Text;

namespace Paperboy.Community.Collections;

/// <summary>
/// A collection's address part, from its name: lower-case ASCII letters and digits joined by single hyphens
/// ("Diffusión & Flows!" is <c>diffusion-flows</c>). Accents are dropped, other scripts fall back to
/// <c>collection</c>. Unique per member: a second "Reading list" is <c>reading-list-2</c>.
/// </summary>
public static class CollectionSlugs
{
    public const int MaxLength = 80;
    public const string Fallback = "collection";

    // Room for "-" and a counter within the column's 80 characters.
    private const int MaxBase = MaxLength - 8;

    /// <param name="fallback">What a name without any Latin letter or digit gives (exports want their own word).</param>
    public static string FromName(string name, string fallback = Fallback)
    {
        var sb = new StringBuilder(Math.Min(name.Length, MaxBase));
        var hyphen = false;
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            var ascii = lower is >= 'a' and <= 'z' or >= '0' and <= '9' ? lower.ToString() : Latin.GetValueOrDefault(lower);
            if (ascii is null)
            {
                hyphen = true;
                continue;
            }
            if (hyphen && sb.Length > 0) sb.Append('-');
            hyphen = false;
            sb.Append(ascii);
            if (sb.Length >= MaxBase) break;
        }
        return sb.Length == 0 ? fallback : sb.ToString(0, Math.Min(sb.Length, MaxBase)).TrimEnd('-');
    }

    // The site runs with invariant globalization, where string.Normalize cannot take accents apart, so the
    // Latin letters people type in names are folded by this table; any other letter separates words.
    private static readonly Dictionary<char, string> Latin = Fold(
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"));

    private static Dictionary<char, string> Fold(params (string Letters, string Ascii)[] groups) =>
        groups.SelectMany(g => g.Letters.Select(c => (c, g.Ascii))).ToDictionary(x => x.c, x => x.Ascii);

    /// <summary><paramref name="slug"/> itself when free, else the first free one of slug-2, slug-3, ...</summary>
    public static string Unique(string slug, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }
}
