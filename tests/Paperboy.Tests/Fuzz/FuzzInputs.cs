using System.IO.Compression;
using System.Text;
using CsCheck;

namespace Paperboy.Tests.Fuzz;

/// <summary>One byte-level edit, with its place given as a share of the document so it applies to any length.</summary>
public readonly record struct Mutation(int Kind, double At, double To, int Length, int Token, byte[] Bytes);

/// <summary>
/// Byte-level mutation of documents, as a coverage-blind fuzzer would do it: flip bits, insert random bytes or a
/// token from the format's dictionary, delete, duplicate or repeat spans, truncate. Structured generators produce
/// the documents; these edits then break them in ways a careful generator would not think of.
/// </summary>
public static class FuzzInputs
{
    /// <summary>Mutated documents grow by repeated spans; past this they only cost time, not coverage.</summary>
    private const int MaxBytes = 1 << 18;

    private const int Kinds = 8;

    public static readonly Gen<Mutation> AnyMutation =
        Gen.Select(Gen.Int[0, Kinds - 1], Gen.Double.Unit, Gen.Double.Unit, Gen.Int[0, 64], Gen.Int[0, 10_000], Gen.Byte.Array[1, 8],
            (kind, at, to, length, token, bytes) => new Mutation(kind, at, to, length, token, bytes));

    /// <summary>No edit a third of the time (the structured document alone), else one to six.</summary>
    public static readonly Gen<Mutation[]> Edits = Gen.Frequency<Mutation[]>((1, Gen.Const(() => Array.Empty<Mutation>())), (2, AnyMutation.Array[1, 6]));

    public static Gen<byte[]> Mutated(Gen<string> documents, IReadOnlyList<string> tokens) =>
        Gen.Select(documents, Edits, (doc, edits) => Apply(Encoding.UTF8.GetBytes(doc), edits, tokens));

    /// <summary>Mutated, and one time in eight gzip-compressed (and maybe broken), as the JSON readers take both.</summary>
    public static Gen<byte[]> MaybeGzipped(Gen<byte[]> documents) => Gen.Frequency<byte[]>((7, documents), (1, Gzipped(documents)));

    public static byte[] Apply(byte[] document, IEnumerable<Mutation> edits, IReadOnlyList<string> tokens)
    {
        var b = new List<byte>(document);
        foreach (var m in edits)
        {
            var at = (int)(m.At * (b.Count + 1));
            var to = (int)(m.To * (b.Count + 1));
            var span = Math.Min(m.Length, b.Count - Math.Min(at, b.Count));
            switch (m.Kind)
            {
                case 0 when at < b.Count: b[at] ^= (byte)(1 << (m.Token % 8)); break;
                case 1: b.InsertRange(Math.Min(at, b.Count), m.Bytes); break;
                case 2: b.InsertRange(Math.Min(at, b.Count), Encoding.UTF8.GetBytes(tokens[m.Token % tokens.Count])); break;
                case 3: b.RemoveRange(Math.Min(at, b.Count), span); break;
                case 4: b.InsertRange(Math.Min(to, b.Count), b.GetRange(Math.Min(at, b.Count), span)); break;
                case 5: b.RemoveRange(Math.Min(at, b.Count), b.Count - Math.Min(at, b.Count)); break;
                case 6 when at < b.Count: b[at] = m.Bytes[0]; break;
                case 7:
                    // The same span many times over: long lines, long names, runs of brackets.
                    var piece = b.GetRange(Math.Min(at, b.Count), span);
                    for (var i = 0; i < m.Token % 200 && b.Count < MaxBytes; i++) b.InsertRange(Math.Min(at, b.Count), piece);
                    break;
            }
            if (b.Count > MaxBytes) b.RemoveRange(MaxBytes, b.Count - MaxBytes);
        }
        return [.. b];
    }

    /// <summary>Gzip-compressed, and sometimes cut short or with a byte changed: a download that broke half way.</summary>
    public static Gen<byte[]> Gzipped(Gen<byte[]> documents) =>
        Gen.Select(documents, Gen.Int[0, 3], Gen.Double.Unit, Gen.Byte, (doc, how, at, value) =>
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest)) gzip.Write(doc);
            var bytes = packed.ToArray();
            var i = 2 + (int)(at * (bytes.Length - 2));
            return how switch
            {
                0 => bytes[..Math.Min(i, bytes.Length)],
                1 when i < bytes.Length => Corrupt(bytes, i, value),
                _ => bytes,
            };
        });

    private static byte[] Corrupt(byte[] bytes, int at, byte value)
    {
        bytes[at] ^= value == 0 ? (byte)1 : value;
        return bytes;
    }

    /// <summary>An input for a failure message: printable ASCII as it is, every other byte as \xNN (two hex digits).</summary>
    public static string Print(byte[] bytes)
    {
        var s = new StringBuilder(bytes.Length + 16).Append('"');
        foreach (var b in bytes.Take(4000))
            s.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\n' => "\\n",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        s.Append('"');
        if (bytes.Length > 4000) s.Append($" (first 4,000 of {bytes.Length:N0} bytes)");
        return s.ToString();
    }

    /// <summary>A string as a C# literal, every character outside printable ASCII as a \u escape, to paste into a regression test.</summary>
    public static string Print(string text) =>
        "\"" + string.Concat(text.Take(4000).Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            >= ' ' and < '\x7f' => c.ToString(),
            _ => $"\\u{(int)c:X4}",
        })) + "\"" + (text.Length > 4000 ? $" (first 4,000 of {text.Length:N0} chars)" : "");
}
