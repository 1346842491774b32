using System.Globalization;
using System.Text;
using CsCheck;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// JSON pieces for the JSON readers: any value of any type (for fields given the wrong one), strings holding
/// escapes JSON allows and UTF-16 does not (lone surrogates), huge numbers and deep nesting.
/// </summary>
public static class FuzzJson
{
    public static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", "\\uZZZZ", "\\x41", "null", "true", "false",
        "0", "-0", "01", "1e400", "-1e400", "1.5", "99999999999999999999999", "2147483648", "-2147483649", "NaN", "Infinity",
        "\"\\ud83d\"", "\"\"", "[]", "{}", "\n", "\r\n", "\r", "\u2028", "\uFEFF", "\u0000", "\U0001F600", "// c", "/* */", ",}", ",]",
        string.Concat(Enumerable.Repeat("[", 300)), string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100),
        "\"id\":", "\"title\":", "\"paper\":", "\"versions\":[{\"version\":\"v0\"}]", "\"authors_parsed\":[[1]]", "\"authors\":[{}]",
        "\"_archive_date\":\"2025-02-30\"", "\"upvotes\":1e10", "\"upvotes\":2147483648", "\"upvotes\":-1",
        "\"publishedAt\":\"9999-12-31T23:59:59-14:00\"", "\"id\":\"\\ud800\"", "\"title\":\"\\udfff\"", "\"listed\":\"0001-01-01\"",
    ];

    /// <summary>A JSON string literal. Control characters and every surrogate are written as \u escapes, so lone ones survive.</summary>
    public static string String(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return b.Append('"').ToString();
    }

    private static readonly Gen<string> Scalar = Gen.Frequency<string>(
        (3, FuzzText.Text.Select(String)),
        (2, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e308")),
        (1, Gen.OneOf("true", "false", "null", "1e400", "-0", "99999999999999999999999", "2147483648", "0.5")));

    /// <summary>Any JSON value: scalars, and arrays and objects nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<string> Any(int depth = 3) => depth == 0 ? Scalar : Gen.Frequency<string>(
        (4, Scalar),
        (1, Any(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
        (1, Gen.Select(FuzzText.Text, Any(depth - 1), (k, v) => String(k) + ":" + v).Array[0, 3].Select(m => "{" + string.Join(",", m) + "}")),
        (1, Gen.Int[1, 400].Select(n => new string('[', n) + new string(']', n))));

    /// <summary>A field: usually the expected value, sometimes absent (null here), JSON null, or a value of any other type.</summary>
    public static Gen<(string Name, string? Json)> Field(string name, Gen<string> usual) => Gen.Frequency<string?>(
        (10, usual!), (1, Gen.Const((string?)null)), (1, Gen.Const<string?>("null")), (1, Any()!))
        .Select(json => (name, json));

    public static Gen<(string Name, string? Json)> StringField(string name, Gen<string> usual) => Field(name, usual.Select(String));

    /// <summary>An object of the fields that are present, in the given order.</summary>
    public static Gen<string> Object(params Gen<(string Name, string? Json)>[] fields) =>
        FuzzXml.All(fields).Select(fs => "{" + string.Join(", ", fs.Where(f => f.Json is not null).Select(f => $"{String(f.Name)}: {f.Json}")) + "}");

    public static Gen<string> ArrayOf(Gen<string> item, int max) => item.Array[0, max].Select(items => "[" + string.Join(", ", items) + "]");
}
