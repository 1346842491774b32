using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Paperboy.Bench.Corpus;

/// <summary>
/// A piece of text already escaped for a JSON string, as UTF-8. Every word, name and category is escaped once
/// when the model is built, so writing a paper is copying bytes. Non-ASCII stays readable (<c>D'Incà</c>), as in
/// the real listings.
/// </summary>
public readonly record struct JsonText(byte[] Utf8, int Chars)
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonText Of(string s) => new(JsonEncodedText.Encode(s, Encoder).EncodedUtf8Bytes.ToArray(), s.Length);
}

/// <summary>A growable byte buffer that one day's papers are written into before it goes to the output.</summary>
public sealed class ByteBuffer(int capacity)
{
    private byte[] _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Drops everything written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(byte b)
    {
        if (Length == _bytes.Length) Grow(1);
        _bytes[Length++] = b;
    }

    public void Write(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(Length), out var n);
        Length += n;
    }

    /// <summary>A number with leading zeros to <paramref name="digits"/> digits.</summary>
    public void Write(int value, int digits)
    {
        Ensure(11);
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(Length), out var n, new StandardFormat('D', (byte)digits));
        Length += n;
    }

    public void Write(DateOnly day)
    {
        Ensure(10);
        day.TryFormat(_bytes.AsSpan(Length), out var n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Length += n;
    }

    private void Ensure(int more)
    {
        if (Length + more > _bytes.Length) Grow(more);
    }

    private void Grow(int more) => Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
}
