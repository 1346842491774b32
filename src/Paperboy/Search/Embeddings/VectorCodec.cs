using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Paperboy.Search.Embeddings;

/// <summary>
/// One embedding as bytes for a database column (BLOB in SQLite, bytea in PostgreSQL): a format byte (1), the
/// scale as a little-endian float32, then one signed byte per dimension: 389 bytes for 384 dimensions instead
/// of 1,536 as float32. It is the same quantisation <see cref="VectorIndex"/> holds in memory, so loading the
/// index from the database gives exactly the vectors it would have had from the embedder.
/// </summary>
public static class VectorCodec
{
    private const byte FormatInt8 = 1;
    private const int HeaderBytes = 1 + sizeof(float);

    /// <summary>The encoded size of a vector of <paramref name="dimensions"/> components.</summary>
    public static int EncodedLength(int dimensions) => HeaderBytes + dimensions;

    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[EncodedLength(vector.Length)];
        bytes[0] = FormatInt8;
        var scale = Int8Vector.Quantize(vector, MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan(HeaderBytes)));
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(1), scale);
        return bytes;
    }

    /// <exception cref="InvalidDataException">The bytes are not a vector written by <see cref="ToBytes"/>.</exception>
    public static float[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || bytes[0] != FormatInt8)
            throw new InvalidDataException($"Not an encoded vector ({bytes.Length} bytes, format {(bytes.IsEmpty ? "none" : bytes[0])}).");
        var scale = BinaryPrimitives.ReadSingleLittleEndian(bytes[1..]);
        if (!float.IsFinite(scale)) throw new InvalidDataException("The vector's scale is not a finite number.");
        return Int8Vector.Dequantize(MemoryMarshal.Cast<byte, sbyte>(bytes[HeaderBytes..]), scale);
    }
}
