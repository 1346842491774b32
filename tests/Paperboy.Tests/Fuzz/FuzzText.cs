using CsCheck;

namespace Paperboy.Tests.Fuzz;

/// <summary>Field values and ids, mostly ordinary and sometimes hostile, for the structured generators.</summary>
public static class FuzzText
{
    private static readonly string[] Words =
        ["graph", "neural", "networks", "Attention", "is", "all", "you", "need", "Bal\u00E1zs", "Ng", "cs.LG", "hep-th", "D0", "Jr.", "and", ","];

    /// <summary>Pieces no ordinary record has: odd Unicode, controls, lone surrogates, markup, huge numbers.</summary>
    public static readonly string[] Odd =
    [
        "", " ", "\t", "\n", "\r\n", "\u00A0", "\u2028", "\u2029", "\u200B", "\u202E", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF",
        "\0", "\u0001", "\u001B", "\u007F", "\u0085", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\U0001F600", "\U0001D54F",
        "e\u0301\u0301\u0301", "\u0645\u0631\u062D\u0628\u0627", "\u4E2D\u6587", "\\", "\"", "'", "<", ">", "&", "&amp;",
        "]]>", "{", "}", "[", "]", ":", "(", ")", "((", "))", "http://", "https://doi.org/10.1/x", "https://github.com/a/b",
        "99999999999999999999", "-1", "0", "1e400", "NaN", "2147483648", "v0", "v99999999999", " and ", ",,,",
        "Jr", "Comment:", "doi:", "doi: 10.1/x", "Computer Science - Robotics", "Quantum Physics",
    ];

    private static readonly Gen<string> Piece = Gen.Frequency<string>(
        (6, Gen.OneOf(Words)),
        (3, Gen.OneOf(Odd)),
        (1, Gen.Char.Array[1, 6].Select(c => new string(c))),
        (1, Gen.Int[1, 5_000].Select(n => new string('x', n))));

    /// <summary>A title, abstract or name: a few pieces joined by spaces, sometimes by nothing.</summary>
    public static readonly Gen<string> Text = Gen.Select(Piece.Array[0, 8], Gen.Bool, (pieces, spaced) => string.Join(spaced ? " " : "", pieces));

    /// <summary>Text that every reader accepts as a title: ordinary words only.</summary>
    public static readonly Gen<string> PlainText = Gen.OneOf(Words[..8]).Array[1, 6].Select(w => string.Join(" ", w));

    private static readonly Gen<string> NewId =
        Gen.Select(Gen.Int[7, 26], Gen.Int[1, 12], Gen.Int[0, 99_999], (yy, mm, n) =>
            yy * 100 + mm < 704 ? "0704.0001" : yy * 100 + mm >= 1501 ? $"{yy:00}{mm:00}.{n:00000}" : $"{yy:00}{mm:00}.{n % 10_000:0000}");

    private static readonly Gen<string> OldId =
        Gen.Select(Gen.OneOf("hep-th", "math", "cond-mat", "math.GT", "astro-ph"), Gen.Int[91, 99], Gen.Int[1, 12], Gen.Int[0, 999],
            (archive, yy, mm, n) => $"{archive}/{yy:00}{mm:00}{n:000}");

    /// <summary>A valid id in one of the forms arXiv and people write it, with or without a version.</summary>
    public static readonly Gen<string> ValidId =
        Gen.Select(Gen.OneOf(NewId, OldId), Gen.Int[0, 3], Gen.Int[0, 4], (id, form, v) =>
        {
            var versioned = v == 0 ? id : $"{id}v{v}";
            return form switch
            {
                0 => versioned,
                1 => $"http://arxiv.org/abs/{versioned}",
                2 => $"arXiv:{versioned}",
                _ => $"oai:arXiv.org:{id}",
            };
        });

    /// <summary>Ids arXiv never issued and strings that only look like ids.</summary>
    public static readonly Gen<string> BadId = Gen.OneOf(
        Gen.OneOf("", " ", "1300.00001", "0703.0001", "1501.0001", "1412.00001", "2501.00001v0", "2501.00001v99999999999",
            "hep-th/9913001", "HEP-TH/9901001", "http://arxiv.org/abs/", "http://arxiv.org/api/errors#bad", "not-an-id", "\uD8002501.00001"),
        Gen.Select(ValidId, Gen.OneOf(Odd), (id, odd) => id + odd));

    public static readonly Gen<string> AnyId = Gen.Frequency<string>((4, ValidId), (1, BadId));

    public static readonly Gen<string> Day = Gen.Frequency<string>(
        (4, Gen.Select(Gen.Int[1990, 2030], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => $"{y:0000}-{m:00}-{d:00}")),
        (1, Gen.OneOf("2025-02-30", "0000-01-01", "9999-12-31", "2025-1-1", "yesterday", "", "2025-13-01", "20250101")));

    public static readonly Gen<string> Time = Gen.Frequency<string>(
        (4, Day.Select(d => d + "T03:50:58.348Z")),
        (1, Gen.OneOf("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2025-06-02T25:00:00Z", "now", "",
            "Mon, 2 Apr 2007 19:18:42 GMT", "Mon, 31 Feb 2007 19:18:42 GMT", "2025-06-02T03:04:05.99999999999999Z")));
}
