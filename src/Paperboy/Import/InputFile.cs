using System.IO.Compression;

namespace Paperboy.Import;

/// <summary>Opens an input file, decompressing gzip when the file starts with gzip's magic bytes.</summary>
public sealed class InputFile : IDisposable
{
    private readonly FileStream _file;

    public string Name { get; }
    public Stream Content { get; }

    /// <summary>Share of the file read so far (of the compressed bytes for gzip), for progress and ETA.</summary>
    public double Fraction => _file.Length == 0 ? 1 : (double)_file.Position / _file.Length;

    public long Length => _file.Length;

    public InputFile(string path)
    {
        Name = Path.GetFileName(path);
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var gzip = _file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        _file.Position = 0;
        Content = gzip ? new GZipStream(_file, CompressionMode.Decompress) : _file;
    }

    public void Dispose() => Content.Dispose();
}
