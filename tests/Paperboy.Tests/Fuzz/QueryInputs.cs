using CsCheck;

namespace Paperboy.Tests.Fuzz;

/// <summary>Search box input: the syntax's own pieces in any order, odd Unicode, and plain junk of any length.</summary>
public static class QueryInputs
{
    private static readonly string[] Syntax =
    [
        "author:", "Author:", "category:", "cat:", "year:", "date:", "has:", "arxiv:", "foo:", "https:", "http://x.org/", "\"", "\u201C", "\u201D",
        "\u201E", "..", "...", ":", "::", " ", "  ", "\t", "\n", "2024", "2020..2023", "..2023", "2021..", "2025-01", "2025-02-30", "2025-13",
        "0000", "9999", "99999", "cs.CL", "cs", "code", "hinton", "Geoffrey Hinton", "-", "2501.01234", "2501.01234v2", "hep-th/9901001",
        "math.GT/0309136", "arXiv:2501.01234", "https://arxiv.org/abs/2501.01234v3", "arxiv.org/pdf/2501.01234.pdf", "1300.01234",
        "graph", "neural", "\uD800", "\uDC00", "\U0001F600", "\0", "\u0085", "\u00A0", "\u3000", "\u200B", "\uFFFD", "e\u0301",
    ];

    private static readonly Gen<string> Pieces = Gen.Frequency<string>(
        (8, Gen.OneOf(Syntax)), (2, Gen.OneOf(FuzzText.Odd)), (1, Gen.Char.Array[1, 4].Select(c => new string(c))));

    /// <summary>Up to a few thousand characters, so the cut at <see cref="Paperboy.Search.SearchQuery.MaxLength"/> is crossed too.</summary>
    public static readonly Gen<string> Any = Gen.Frequency<string>(
        (6, Pieces.Array[0, 24].Select(string.Concat)),
        (1, Pieces.Array[100, 600].Select(string.Concat)),
        (1, Gen.String),
        (1, Gen.Char.Array[0, 2_000].Select(c => new string(c))),
        (1, Gen.Select(Gen.Int[990, 1_010], Gen.OneOf("\U0001F600", "\uD800", "\"", " x"), (n, tail) => new string('a', n) + tail + " end")));

    private static readonly char[] WordChars =
        [.. "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/+#()[]!?'\u00E9\u00DF\u4E2D\u0645\u03A9"];

    /// <summary>
    /// A short word with no quote and no colon: neither a phrase nor a filter, though it may be an id or punctuation
    /// alone. A hundred of them stay within the length limit and cross the limit on terms.
    /// </summary>
    public static readonly Gen<string> PlainWord = Gen.Frequency<string>(
        (8, Gen.OneOf(WordChars).Array[1, 6].Select(c => new string(c))),
        (1, Gen.OneOf("2501.01234", "hep-th/9901001", "-", "...", "arxiv.org/abs/2501.01234", "\U0001F600")));

    public static readonly Gen<string> Space = Gen.OneOf(" ", "  ", "\t", "\n", "\u00A0", "\u3000", "\r\n");
}
