using System.Globalization;
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

    public static string FromName(string name)
    {
        var sb = new StringBuilder(Math.Min(name.Length, MaxBase));
        var hyphen = false;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (hyphen && sb.Length > 0) sb.Append('-');
                hyphen = false;
                sb.Append(lower);
                if (sb.Length >= MaxBase) break;
            }
            else hyphen = true;
        }
        return sb.Length == 0 ? Fallback : sb.ToString().TrimEnd('-');
    }

    /// <summary><paramref name="slug"/> itself when free, else the first free one of slug-2, slug-3, ...</summary>
    public static string Unique(string slug, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }
}
