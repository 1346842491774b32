using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Paperboy.Import;

/// <summary>
/// A statement prepared once and run once a row, its values bound by position through SQLite's own API.
/// Microsoft.Data.Sqlite looks every parameter up by name and converts every string on each execution, which
/// cost an import more than SQLite's work on the row. Values are stored exactly as Microsoft.Data.Sqlite (and
/// so EF Core) stores them: text in UTF-8, times as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, days as <c>yyyy-MM-dd</c>.
/// </summary>
internal sealed class SqliteRowStatement : IDisposable
{
    private const string TimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private const string DayFormat = @"yyyy\-MM\-dd";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private byte[] _utf8 = new byte[1 << 12];
    private readonly ArrayBufferWriter<byte> _json = new(1 << 10);
    private readonly Utf8JsonWriter _jsonWriter;

    public SqliteRowStatement(SqliteConnection conn, string sql)
    {
        _db = conn.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
        _jsonWriter = new Utf8JsonWriter(_json);
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1, in the order of the statement's <c>?</c>s).</summary>
    public void Text(int index, string? value)
    {
        if (value is null) { Check(raw.sqlite3_bind_null(_stmt, index)); return; }
        // An empty span has no address, which SQLite would take for NULL.
        if (value.Length == 0) { Check(raw.sqlite3_bind_text(_stmt, index, "")); return; }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < max) _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        var n = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_stmt, index, _utf8.AsSpan(0, n)));
    }

    public void Integer(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Real(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    public void Time(int index, DateTime? value)
    {
        if (value is null) { Check(raw.sqlite3_bind_null(_stmt, index)); return; }
        Span<byte> text = stackalloc byte[32];
        value.Value.TryFormat(text, out var n, TimeFormat, CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text(_stmt, index, text[..n]));
    }

    public void Day(int index, DateOnly value)
    {
        Span<byte> text = stackalloc byte[16];
        value.TryFormat(text, out var n, DayFormat, CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text(_stmt, index, text[..n]));
    }

    /// <summary>A list as a JSON array of strings, the same text as <see cref="Data.StringListJson"/> writes.</summary>
    public void Json(int index, List<string> values)
    {
        _json.ResetWrittenCount();
        _jsonWriter.Reset();
        _jsonWriter.WriteStartArray();
        foreach (var v in values) _jsonWriter.WriteStringValue(v);
        _jsonWriter.WriteEndArray();
        _jsonWriter.Flush();
        Check(raw.sqlite3_bind_text(_stmt, index, _json.WrittenSpan));
    }

    /// <summary>Runs the statement with the values bound, then readies it for the next row.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose()
    {
        _jsonWriter.Dispose();
        _stmt.Dispose();
    }
}
