using System.Data.Common;

namespace Paperboy.Data;

/// <summary>
/// Small helpers for the few hot paths written in plain ADO.NET. Identifiers are double-quoted PascalCase,
/// as EF Core names columns, which SQLite and PostgreSQL both accept; parameters are <c>@name</c> on both.
/// </summary>
public static class Sql
{
    public static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    public static DbParameter Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }

    /// <summary><c>{sqlPrefix} (@p0, @p1, ...)</c> with one parameter per value.</summary>
    public static DbCommand InList<T>(DbConnection conn, DbTransaction? tx, string sqlPrefix, IReadOnlyList<T> values)
    {
        var cmd = Command(conn, tx, "");
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@p" + i;
            Add(cmd, names[i], values[i]);
        }
        cmd.CommandText = $"{sqlPrefix} ({string.Join(", ", names)})";
        return cmd;
    }
}
