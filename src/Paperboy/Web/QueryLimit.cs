using System.Globalization;

namespace Paperboy.Web;

/// <summary>The <c>limit</c> query value of the API, the feeds and the exports: one rule, one sentence when it is wrong.</summary>
public static class QueryLimit
{
    /// <summary>Absent: <paramref name="fallback"/>. Else a whole number from 1 to <paramref name="max"/>, or false and why.</summary>
    public static bool TryParse(string? text, int fallback, int max, out int limit, out string error)
    {
        error = "";
        limit = fallback;
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 && limit <= max) return true;
        error = $"limit must be a whole number from 1 to {max}, not '{text}'.";
        return false;
    }
}
