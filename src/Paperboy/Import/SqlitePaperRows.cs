using System.Data.Common;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// SQLite: one prepared statement a row, reused for the whole batch. SQLite runs in the process, so a
/// statement costs no round trip, and it binds parameters by a linear search of their names, so a multi-row
/// statement would cost more than the rows it saves.
/// </summary>
internal sealed class SqlitePaperRows(DbConnection conn, DbTransaction tx) : PaperRows(conn, tx)
{
    // Parameter @pN binds column N; the first is the key an update finds its row by.
    private static readonly string[] PaperValues =
        ["ArxivId", "Version", "Title", "Abstract", "Authors", "Categories", "PrimaryCategory", "PublishedAt",
         "UpdatedAt", "Comment", "JournalRef", "Doi", "GithubRepo", "ProjectPage", "ChangeNumber", "Id"];

    private static readonly string[] DailyValues =
        ["PaperId", "Day", "SubmittedAt", "SubmittedBy", "SubmitterFullname", "SubmitterAvatarUrl", "Upvotes", "CommentCount"];

    public override async Task InsertPapersAsync(List<Paper> papers, CancellationToken ct)
    {
        if (papers.Count == 0) return;
        // This transaction holds the database's only write lock, so ids after the current maximum are ours to
        // hand out, and a RETURNING per row (which doubles the cost of an insert) is not needed.
        await using (var max = Sql.Command(Conn, Tx, "SELECT COALESCE(MAX(\"Id\"), 0) FROM papers"))
        {
            var next = Convert.ToInt64(await max.ExecuteScalarAsync(ct)) + 1;
            foreach (var p in papers) p.Id = next++;
        }
        await using var cmd = Insert("papers", PaperValues, out var ps);
        foreach (var p in papers)
        {
            SetPaper(ps, p);
            ps[15].Value = p.Id;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task UpdatePapersAsync(List<Paper> papers, CancellationToken ct)
    {
        if (papers.Count == 0) return;
        await using var cmd = Update("papers", PaperValues[..^1], out var ps);
        foreach (var p in papers)
        {
            SetPaper(ps, p);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task InsertDailyAsync(List<DailyEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await using var cmd = Insert("daily_entries", DailyValues, out var ps);
        foreach (var e in entries)
        {
            SetDaily(ps, e);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task UpdateDailyAsync(List<DailyEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await using var cmd = Update("daily_entries", DailyValues, out var ps);
        foreach (var e in entries)
        {
            SetDaily(ps, e);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    protected override string InList(string column, DbCommand cmd, IReadOnlyCollection<string> values)
    {
        Sql.Add(cmd, "@list", StringListJson.Serialize([.. values]));
        return $"\"{column}\" IN (SELECT value FROM json_each(@list))";
    }

    protected override string InList(string column, DbCommand cmd, IReadOnlyCollection<long> values)
    {
        Sql.Add(cmd, "@list", "[" + string.Join(',', values) + "]");
        return $"\"{column}\" IN (SELECT value FROM json_each(@list))";
    }

    private DbCommand Insert(string table, string[] columns, out DbParameter[] ps) =>
        Statement($"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})", columns.Length, out ps);

    private DbCommand Update(string table, string[] columns, out DbParameter[] ps) =>
        Statement($"UPDATE {table} SET {string.Join(", ", columns.Skip(1).Select((c, i) => $"\"{c}\" = @p{i + 1}"))} " +
                  $"WHERE \"{columns[0]}\" = @p0", columns.Length, out ps);

    private DbCommand Statement(string sql, int parameters, out DbParameter[] ps)
    {
        var cmd = Sql.Command(Conn, Tx, sql);
        ps = new DbParameter[parameters];
        for (var i = 0; i < parameters; i++) ps[i] = Sql.Add(cmd, "@p" + i, null);
        return cmd;
    }

    private static void SetPaper(DbParameter[] ps, Paper p)
    {
        ps[0].Value = p.ArxivId;
        ps[1].Value = p.Version;
        ps[2].Value = p.Title;
        ps[3].Value = p.Abstract;
        ps[4].Value = StringListJson.Serialize(p.Authors);
        ps[5].Value = StringListJson.Serialize(p.Categories);
        ps[6].Value = Value(p.PrimaryCategory);
        ps[7].Value = Value(Utc(p.PublishedAt));
        ps[8].Value = Value(Utc(p.UpdatedAt));
        ps[9].Value = Value(p.Comment);
        ps[10].Value = Value(p.JournalRef);
        ps[11].Value = Value(p.Doi);
        ps[12].Value = Value(p.GithubRepo);
        ps[13].Value = Value(p.ProjectPage);
        ps[14].Value = p.ChangeNumber;
    }

    private static void SetDaily(DbParameter[] ps, DailyEntry e)
    {
        ps[0].Value = e.PaperId;
        ps[1].Value = e.Day;
        ps[2].Value = Utc(e.SubmittedAt)!.Value;
        ps[3].Value = Value(e.SubmittedBy);
        ps[4].Value = Value(e.SubmitterFullname);
        ps[5].Value = Value(e.SubmitterAvatarUrl);
        ps[6].Value = e.Upvotes;
        ps[7].Value = e.CommentCount;
    }

    private static object Value(object? v) => v ?? DBNull.Value;
}
