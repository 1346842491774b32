using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Paperboy.Data;

namespace Paperboy.Import;

/// <summary>
/// <c>INSERT INTO t (...) VALUES (...), (...), ...</c> in chunks, through one prepared statement per chunk size.
/// On PostgreSQL a statement carries a hundred rows, since each statement is a network round trip; on SQLite one.
/// </summary>
internal static class MultiRowInsert
{
    // SQLite binds parameters by a linear search of the statement's names, so a hundred-row statement costs more
    // than a hundred one-row ones; it has no network round trip to save.
    private static int RowsPerStatement(DbConnection conn) => conn is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 100;

    public static async IAsyncEnumerable<T> RunAsync<T>(DbConnection conn, DbTransaction tx, string table, string[] columns,
        IEnumerable<object?[]> rows, string? returning, Func<DbDataReader, T> read, [EnumeratorCancellation] CancellationToken ct)
    {
        var rowsPerStatement = RowsPerStatement(conn);
        DbCommand? full = null;
        try
        {
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                // Full chunks reuse one prepared statement; only the last, shorter chunk builds its own.
                var cmd = chunk.Length == rowsPerStatement ? full ??= Build(conn, tx, table, columns, chunk.Length, returning)
                    : Build(conn, tx, table, columns, chunk.Length, returning);
                try
                {
                    var i = 0;
                    foreach (var row in chunk)
                        foreach (var value in row)
                            cmd.Parameters[i++].Value = value ?? DBNull.Value;
                    if (returning is null)
                    {
                        await cmd.ExecuteNonQueryAsync(ct);
                        continue;
                    }
                    await using var r = await cmd.ExecuteReaderAsync(ct);
                    while (await r.ReadAsync(ct)) yield return read(r);
                }
                finally
                {
                    if (cmd != full) await cmd.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
    }

    private static DbCommand Build(DbConnection conn, DbTransaction tx, string table, string[] columns, int rows, string? returning)
    {
        var cmd = Sql.Command(conn, tx, "");
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"@r{r}c{c}";
                sql.Append(c == 0 ? name : ", " + name);
                Sql.Add(cmd, name, null);
            }
            sql.Append(')');
        }
        if (returning is not null) sql.Append(' ').Append(returning);
        cmd.CommandText = sql.ToString();
        return cmd;
    }
}
