using System.Data.Common;
using Npgsql;
using Paperboy.Data;

namespace Paperboy.Bench.Community;

/// <summary>Rows into a table as fast as each engine takes them: COPY on PostgreSQL, one prepared statement on SQLite.</summary>
internal static class BulkInsert
{
    public static async Task RunAsync(DbConnection conn, DbTransaction tx, string table, string[] columns,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var quoted = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (conn is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} ({quoted}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                foreach (var value in row)
                    if (value is null) await copy.WriteNullAsync(ct);
                    else if (value is DateTime t) await copy.WriteAsync(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
                    else await copy.WriteAsync(value, ct);
            }
            await copy.CompleteAsync(ct);
            return;
        }
        await using var cmd = Sql.Command(conn, tx, $"INSERT INTO {table} ({quoted}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})");
        var parameters = columns.Select((_, i) => Sql.Add(cmd, "@p" + i, null)).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
