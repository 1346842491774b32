using System.Globalization;

namespace Paperboy.Papers;

/// <summary>How pages write names, dates and excerpts; kept here so every card and page agrees.</summary>
public static class Display
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"Ada Lovelace, Alan Turing, Grace Hopper et al. (17 authors)"; "et al." never hides just one name.</summary>
    public static string AuthorsShort(IReadOnlyList<string> authors, int shown = 3) =>
        authors.Count <= shown + 1
            ? string.Join(", ", authors)
            : $"{string.Join(", ", authors.Take(shown))} et al. ({authors.Count} authors)";

    /// <summary>The start of a text, cut at a word boundary near <paramref name="max"/> characters.</summary>
    public static string Excerpt(string text, int max = 280)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd(',', ';', ':', '.') + "…";
    }

    /// <summary>
    /// The URL when it is an absolute http(s) address, else null: imported links end up in href attributes,
    /// where encoding alone would not stop a <c>javascript:</c> URL.
    /// </summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : null;

    public static string Day(DateOnly day) => day.ToString("MMM d, yyyy", Invariant);
    public static string LongDay(DateOnly day) => day.ToString("dddd, MMMM d, yyyy", Invariant);
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);
    public static string Date(DateTime utc) => utc.ToString("MMM d, yyyy", Invariant);
    public static string Count(long n, string one, string many) => $"{n.ToString("N0", Invariant)} {(n == 1 ? one : many)}";
}
