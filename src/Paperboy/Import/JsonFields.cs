using System.Globalization;
using System.Text.Json;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>Why one record was rejected; readers turn it into <see cref="ImportItem.Bad"/> and go on.</summary>
internal sealed class RecordError(string message) : Exception(message)
{
    /// <summary>
    /// A value from the file, quoted for a message: shortened, with line breaks escaped, since every rejection
    /// is printed as one line.
    /// </summary>
    public static string Quote(string value) => Shorten("\"" + value + "\"", 100);

    public static string Shorten(string text, int max)
    {
        var s = text.Length > max ? text[..max] + "…" : text;
        return s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
    }
}

/// <summary>
/// Typed access to a JSON record's fields. Absent and null read as null; a value of the wrong type throws a
/// <see cref="RecordError"/> naming the field (<c>'paper.upvotes' should be an integer, found a string</c>).
/// <paramref name="path"/> arguments name the field as the user sees it in the file.
/// </summary>
internal static class JsonFields
{
    /// <summary>The field's value, or false when it is absent or null.</summary>
    public static bool Has(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static string? String(JsonElement obj, string name, string? path = null) =>
        !Has(obj, name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw WrongType(path ?? name, "a string", v);

    public static string RequiredString(JsonElement obj, string name, string? path = null) =>
        String(obj, name, path) is { } s && !string.IsNullOrWhiteSpace(s) ? s : throw new RecordError($"missing '{path ?? name}'");

    public static int? Int(JsonElement obj, string name, string? path = null) =>
        !Has(obj, name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : throw WrongType(path ?? name, "an integer", v);

    public static JsonElement? Object(JsonElement obj, string name, string? path = null) =>
        !Has(obj, name, out var v) ? null
        : v.ValueKind == JsonValueKind.Object ? v
        : throw WrongType(path ?? name, "an object", v);

    public static JsonElement.ArrayEnumerator? Array(JsonElement obj, string name, string? path = null) =>
        !Has(obj, name, out var v) ? null
        : v.ValueKind == JsonValueKind.Array ? v.EnumerateArray()
        : throw WrongType(path ?? name, "an array", v);

    /// <summary>An array of strings; a blank name is kept out, a non-string fails the record.</summary>
    public static List<string>? Strings(JsonElement obj, string name, string? path = null)
    {
        if (Array(obj, name, path) is not { } items) return null;
        var list = new List<string>();
        var i = 0;
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.String) throw WrongType($"{path ?? name}[{i}]", "a string", item);
            if (item.GetString() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s)) list.Add(s);
            i++;
        }
        return list;
    }

    /// <summary>An ISO 8601 time ("2024-05-27T03:50:58.348Z"), as UTC.</summary>
    public static DateTime? Time(JsonElement obj, string name, string? path = null) =>
        String(obj, name, path) is not { } s ? null
        : DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new RecordError($"'{path ?? name}' is not a date and time: {RecordError.Quote(s)}");

    /// <summary>A calendar day ("2025-03-18").</summary>
    public static DateOnly? Day(JsonElement obj, string name, string? path = null) =>
        String(obj, name, path) is not { } s ? null
        : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new RecordError($"'{path ?? name}' is not a date (yyyy-mm-dd): {RecordError.Quote(s)}");

    /// <summary>The record's arXiv id, canonical and without version; every reader requires one.</summary>
    public static string ArxivIdField(JsonElement obj, string name, out int version, string? path = null)
    {
        var text = RequiredString(obj, name, path);
        return ArxivId.TryParse(text, out var id, out version) ? id
            : throw new RecordError($"'{path ?? name}' is not an arXiv id: {RecordError.Quote(text)}");
    }

    public static DateTime AtMidnightUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static RecordError WrongType(string path, string expected, JsonElement found) =>
        new($"'{path}' should be {expected}, found {Kind(found)}");
}
