using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Paperboy.Import;

/// <summary>
/// One JSON record's raw UTF-8 bytes and where it sits, or why it could not be cut out of the file. The bytes
/// live in a pooled buffer and are valid only until the next record is read.
/// </summary>
internal readonly record struct JsonRecord(SourceLocation Where, ReadOnlyMemory<byte> Utf8, string? Error = null);

/// <summary>
/// Cuts a file into JSON records without ever holding more than one record (and a read buffer) in memory:
/// JSON lines split at '\n', a JSON array split into its elements by a streaming <see cref="Utf8JsonReader"/>.
/// Each record is then parsed on its own, so one bad record never stops the ones after it.
/// </summary>
internal static class JsonRecords
{
    /// <summary>A record larger than this is rejected rather than buffered: a file without line breaks must not eat memory.</summary>
    public const int MaxRecordBytes = 64 << 20;

    /// <summary>Parses each record as a JSON object and maps it; bad JSON and <see cref="RecordError"/>s become rejections.</summary>
    public static IEnumerable<ImportItem> Map(IEnumerable<JsonRecord> records, Func<JsonElement, PaperRecord> map)
    {
        foreach (var r in records)
            yield return r.Error is not null ? ImportItem.Bad(r.Where, r.Error) : MapOne(r, map);
    }

    private static ImportItem MapOne(JsonRecord r, Func<JsonElement, PaperRecord> map)
    {
        try
        {
            using var doc = JsonDocument.Parse(r.Utf8);
            if (JsonText.Invalid(r.Utf8.Span) is { } bad) return ImportItem.Bad(r.Where, bad);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? ImportItem.Ok(r.Where, map(root))
                : ImportItem.Bad(r.Where, ExpectedObject(root));
        }
        catch (JsonException e) { return ImportItem.Bad(r.Where, $"invalid JSON: {Describe(e)} (at byte {e.BytePositionInLine + 1})"); }
        catch (RecordError e) { return ImportItem.Bad(r.Where, e.Message); }
    }

    private static string ExpectedObject(JsonElement root) =>
        // Archives written with Python's str() instead of json.dumps hold "{'paper': {...}}" strings.
        root.ValueKind == JsonValueKind.String && root.GetString()!.TrimStart().StartsWith('{')
            ? "expected a JSON object, found a string (a Python repr?)"
            : $"expected a JSON object, found {JsonFields.Kind(root)}";

    /// <summary>
    /// The reader's message without its "LineNumber: 0 | BytePositionInLine: 7." tail, and short: it quotes
    /// the bad bytes, up to all the rest of the buffer.
    /// </summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        foreach (var tail in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
            if (message.IndexOf(tail, StringComparison.Ordinal) is var cut and >= 0) message = message[..cut];
        return RecordError.Shorten(message, 200);
    }

    /// <summary>JSON lines: one record a line, numbered from 1; blank lines are skipped.</summary>
    public static IEnumerable<JsonRecord> Lines(InputFile file, int maxRecordBytes = MaxRecordBytes)
    {
        using var buffer = new ReadBuffer(file.Content);
        buffer.SkipByteOrderMark();
        foreach (var r in Lines(buffer, file.Name, maxRecordBytes)) yield return r;
    }

    /// <summary>A JSON array of records, or JSON lines: told apart by the first byte that is not white space.</summary>
    public static IEnumerable<JsonRecord> ArrayOrLines(InputFile file, int maxRecordBytes = MaxRecordBytes)
    {
        using var buffer = new ReadBuffer(file.Content);
        buffer.SkipByteOrderMark();
        int first;
        while ((first = buffer.Data.AsSpan(buffer.Start, buffer.End - buffer.Start).IndexOfAnyExcept(" \t\r\n"u8)) < 0
               && buffer.Fill(buffer.Start)) { }
        var isArray = first >= 0 && buffer.Data[buffer.Start + first] == (byte)'[';
        var records = isArray ? ArrayElements(buffer, file.Name, maxRecordBytes) : Lines(buffer, file.Name, maxRecordBytes);
        foreach (var r in records) yield return r;
    }

    private static IEnumerable<JsonRecord> Lines(ReadBuffer buffer, string name, int maxRecordBytes)
    {
        long line = 0;
        var searched = 0;     // bytes after Start known to hold no line break
        var skipping = false; // inside an over-long line, dropping bytes up to its end
        while (true)
        {
            var newline = buffer.Data.AsSpan(buffer.Start + searched, buffer.End - buffer.Start - searched).IndexOf((byte)'\n');
            if (newline < 0)
            {
                searched = buffer.End - buffer.Start;
                if (!skipping && searched > maxRecordBytes)
                {
                    skipping = true;
                    yield return new JsonRecord(new(name, line + 1), default, $"line longer than {maxRecordBytes:N0} bytes");
                }
                if (skipping) buffer.Start = buffer.End;
                if (buffer.Fill(buffer.Start))
                {
                    searched = skipping ? 0 : searched;
                    continue;
                }
                if (buffer.Start == buffer.End)
                {
                    if (buffer.Broken is { } why) yield return new JsonRecord(new(name, line + 1), default, why);
                    yield break;
                }
                newline = buffer.End - buffer.Start; // the last line has no line break
            }
            else newline += searched;
            line++;
            searched = 0;
            var content = buffer.Data.AsMemory(buffer.Start, newline);
            buffer.Start = Math.Min(buffer.Start + newline + 1, buffer.End);
            if (skipping) { skipping = false; continue; }
            if (content.Span.Trim(" \t\r"u8).IsEmpty) continue;
            yield return new JsonRecord(new(name, line), content);
        }
    }

    /// <summary>
    /// The elements of a top-level JSON array, numbered from 1 (not by line: API responses are often one long
    /// line). A syntax error ends the file, since nothing after it can be trusted to start a record.
    /// </summary>
    private static IEnumerable<JsonRecord> ArrayElements(ReadBuffer buffer, string name, int maxRecordBytes)
    {
        var state = new JsonReaderState();
        long number = 0;
        while (true)
        {
            switch (NextElement(buffer, ref state, out var element, out var error))
            {
                case Step.Element:
                    yield return new JsonRecord(new(name, ++number, IsLine: false), element);
                    break;
                case Step.NeedMore when buffer.End - buffer.Start <= maxRecordBytes:
                    buffer.Fill(buffer.Start); // at the end of the file the next step reads it as final and finishes
                    break;
                case Step.NeedMore:
                    yield return new JsonRecord(new(name, number + 1, IsLine: false), default, $"record longer than {maxRecordBytes:N0} bytes");
                    yield break;
                case Step.Failed:
                    // Data cut short by a corrupt gzip stream fails to parse; the corruption is the reason to give.
                    yield return new JsonRecord(new(name, number + 1, IsLine: false), default, buffer.Broken ?? error);
                    yield break;
                default:
                    if (buffer.Broken is { } why) yield return new JsonRecord(new(name, number + 1, IsLine: false), default, why);
                    yield break;
            }
        }
    }

    private enum Step { Element, NeedMore, End, Failed }

    /// <summary>Reads up to the end of the next array element and moves <see cref="ReadBuffer.Start"/> past it.</summary>
    private static Step NextElement(ReadBuffer buffer, ref JsonReaderState state, out ReadOnlyMemory<byte> element, out string? error)
    {
        (element, error) = (default, null);
        // The state carries the line count across buffers, so errors report lines of the whole file.
        var reader = new Utf8JsonReader(buffer.Data.AsSpan(buffer.Start, buffer.End - buffer.Start), buffer.Eof, state);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var consumedBefore = (int)reader.BytesConsumed;
                if (!reader.Read())
                {
                    (state, buffer.Start) = (reader.CurrentState, buffer.Start + (int)reader.BytesConsumed);
                    return buffer.Eof ? Step.End : Step.NeedMore;
                }
                if (reader.CurrentDepth != 1) continue; // the array's own brackets
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    // Not all of this element is in the buffer yet: come back to it with more data.
                    (state, buffer.Start) = (before, buffer.Start + consumedBefore);
                    return Step.NeedMore;
                }
                element = buffer.Data.AsMemory(buffer.Start + start, (int)reader.BytesConsumed - start);
                (state, buffer.Start) = (reader.CurrentState, buffer.Start + (int)reader.BytesConsumed);
                return Step.Element;
            }
        }
        catch (JsonException e)
        {
            error = $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {Describe(e)} (the rest of the file is skipped)";
            return Step.Failed;
        }
    }

    /// <summary>
    /// A pooled window over a stream: <see cref="Start"/>..<see cref="End"/> is data not yet used. Filling moves
    /// it to the front and reads more, growing the array only for a record larger than the window.
    /// </summary>
    private sealed class ReadBuffer(Stream stream) : IDisposable
    {
        public byte[] Data = ArrayPool<byte>.Shared.Rent(1 << 16);
        public int Start, End;
        public bool Eof;

        /// <summary>
        /// Why the data ended early: a gzip file corrupt or cut short part way (a broken download). The bytes
        /// before the damage are read as usual; the readers then report this as the last rejection.
        /// </summary>
        public string? Broken;

        /// <summary>Keeps the bytes from <paramref name="keepFrom"/> on and reads more; false at the end of the stream.</summary>
        public bool Fill(int keepFrom)
        {
            if (Eof) return false;
            var kept = End - keepFrom;
            if (kept == Data.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Data.Length * 2);
                Data.AsSpan(keepFrom, kept).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(Data);
                Data = bigger;
            }
            else if (keepFrom > 0) Data.AsSpan(keepFrom, kept).CopyTo(Data);
            Start -= keepFrom;
            End = kept;
            int n;
            try
            {
                n = stream.Read(Data, End, Data.Length - End);
            }
            catch (InvalidDataException e)
            {
                n = 0;
                Broken = $"the gzip data is damaged ({RecordError.Shorten(e.Message, 200)}); the rest of the file is skipped";
            }
            End += n;
            Eof = n == 0;
            return !Eof;
        }

        public void SkipByteOrderMark()
        {
            while (End - Start < 3 && Fill(Start)) { }
            if (Data.AsSpan(Start, End - Start).StartsWith("\uFEFF"u8)) Start += 3;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(Data);
    }
}

/// <summary>
/// Text that JSON can carry and no .NET string can hold: bytes that are not UTF-8 (the parser checks only the
/// syntax around them) and a \u escape of half a surrogate pair (<c>"\ud800"</c>, as Python writes a broken
/// string). Reading such a value, or looking up a field whose name holds one, throws from inside System.Text.Json,
/// so a record holding either is rejected before it is read, at the byte where it is.
/// </summary>
internal static class JsonText
{
    /// <summary>Why the (syntactically valid) record cannot be read as text, or null when it can.</summary>
    public static string? Invalid(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            var at = 0;
            while (Rune.DecodeFromUtf8(json[at..], out _, out var length) == OperationStatus.Done) at += length;
            return $"invalid JSON: bytes that are not UTF-8 (at byte {at + 1})";
        }
        for (var i = 0; json[i..].IndexOf((byte)'\\') is var next and >= 0;)
        {
            i += next;
            // Escapes are whole: the record parsed.
            if (json[i + 1] != (byte)'u' || !Utf8Parser.TryParse(json.Slice(i + 2, 4), out ushort unit, out _, 'X') || !char.IsSurrogate((char)unit))
            {
                i += 2;
                continue;
            }
            if (char.IsHighSurrogate((char)unit) && i + 12 <= json.Length && json[i + 6] == (byte)'\\' && json[i + 7] == (byte)'u'
                && Utf8Parser.TryParse(json.Slice(i + 8, 4), out ushort low, out _, 'X') && char.IsLowSurrogate((char)low))
            {
                i += 12;
                continue;
            }
            return $"invalid JSON: \\u{unit:x4} is half of a UTF-16 surrogate pair, without the other half (at byte {i + 1})";
        }
        return null;
    }
}
