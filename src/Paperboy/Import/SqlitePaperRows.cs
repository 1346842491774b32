using System.Data.Common;
using Microsoft.Data.Sqlite;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// SQLite: one prepared statement a row (<see cref="SqliteRowStatement"/>), reused for the whole batch. SQLite
/// runs in the process, so a statement costs no round trip and a multi-row statement would save nothing.
/// </summary>
internal sealed class SqlitePaperRows(DbConnection conn, DbTransaction tx) : PaperRows(conn, tx)
{
    // Value ?N (from 1) binds column N; the first is the key an update finds its row by.
    private static readonly string[] PaperValues =
        ["ArxivId", "Version", "Title", "Abstract", "Authors", "Categories", "PrimaryCategory", "PublishedAt",
         "UpdatedAt", "Comment", "JournalRef", "Doi", "GithubRepo", "ProjectPage", "ChangeNumber", "Id"];

    private static readonly string[] DailyValues =
        ["PaperId", "Day", "SubmittedAt", "SubmittedBy", "SubmitterFullname", "SubmitterAvatarUrl", "Upvotes", "CommentCount", "Trending"];

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
        using var insert = Insert("papers", PaperValues);
        foreach (var p in papers)
        {
            BindPaper(insert, p);
            insert.Integer(16, p.Id);
            insert.Run();
        }
    }

    public override Task UpdatePapersAsync(List<Paper> papers, CancellationToken ct)
    {
        if (papers.Count == 0) return Task.CompletedTask;
        using var update = Update("papers", PaperValues[..^1]);
        foreach (var p in papers)
        {
            BindPaper(update, p);
            update.Run();
        }
        return Task.CompletedTask;
    }

    public override Task InsertDailyAsync(List<DailyEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return Task.CompletedTask;
        using var insert = Insert("daily_entries", DailyValues);
        foreach (var e in entries)
        {
            BindDaily(insert, e);
            insert.Run();
        }
        return Task.CompletedTask;
    }

    public override Task UpdateDailyAsync(List<DailyEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return Task.CompletedTask;
        using var update = Update("daily_entries", DailyValues);
        foreach (var e in entries)
        {
            BindDaily(update, e);
            update.Run();
        }
        return Task.CompletedTask;
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

    private SqliteRowStatement Insert(string table, string[] columns) => new((SqliteConnection)Conn,
        $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
        $"VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})");

    private SqliteRowStatement Update(string table, string[] columns) => new((SqliteConnection)Conn,
        $"UPDATE {table} SET {string.Join(", ", columns.Skip(1).Select((c, i) => $"\"{c}\" = ?{i + 2}"))} WHERE \"{columns[0]}\" = ?1");

    private static void BindPaper(SqliteRowStatement s, Paper p)
    {
        s.Text(1, p.ArxivId);
        s.Integer(2, p.Version);
        s.Text(3, p.Title);
        s.Text(4, p.Abstract);
        s.Json(5, p.Authors);
        s.Json(6, p.Categories);
        s.Text(7, p.PrimaryCategory);
        s.Time(8, Utc(p.PublishedAt));
        s.Time(9, Utc(p.UpdatedAt));
        s.Text(10, p.Comment);
        s.Text(11, p.JournalRef);
        s.Text(12, p.Doi);
        s.Text(13, p.GithubRepo);
        s.Text(14, p.ProjectPage);
        s.Integer(15, p.ChangeNumber);
    }

    private static void BindDaily(SqliteRowStatement s, DailyEntry e)
    {
        s.Integer(1, e.PaperId);
        s.Day(2, e.Day);
        s.Time(3, e.SubmittedAt);
        s.Text(4, e.SubmittedBy);
        s.Text(5, e.SubmitterFullname);
        s.Text(6, e.SubmitterAvatarUrl);
        s.Integer(7, e.Upvotes);
        s.Integer(8, e.CommentCount);
        s.Real(9, e.Trending);
    }
}
