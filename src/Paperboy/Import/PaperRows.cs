using System.Data.Common;
using Microsoft.Data.Sqlite;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// The rows a <see cref="PaperWriter"/> batch reads and writes, in plain ADO.NET inside the batch's transaction.
/// Reading is one SQL shape on both engines; writing is each engine's fastest way (<see cref="SqlitePaperRows"/>,
/// <see cref="PostgresPaperRows"/>).
/// </summary>
internal abstract class PaperRows(DbConnection conn, DbTransaction tx)
{
    protected const string PaperColumns =
        "\"Id\", \"ArxivId\", \"Version\", \"Title\", \"Abstract\", \"Authors\", \"Categories\", \"PrimaryCategory\", " +
        "\"PublishedAt\", \"UpdatedAt\", \"Comment\", \"JournalRef\", \"Doi\", \"GithubRepo\", \"ProjectPage\", \"ChangeNumber\"";

    protected const string DailyColumns =
        "\"Id\", \"PaperId\", \"Day\", \"SubmittedAt\", \"SubmittedBy\", \"SubmitterFullname\", \"SubmitterAvatarUrl\", \"Upvotes\", \"CommentCount\", " +
        "\"LocalUpvotes\", \"LocalComments\", \"Trending\"";

    protected DbConnection Conn { get; } = conn;
    protected DbTransaction Tx { get; } = tx;

    public static PaperRows For(DbConnection conn, DbTransaction tx) =>
        conn is SqliteConnection ? new SqlitePaperRows(conn, tx) : new PostgresPaperRows(conn, tx);

    /// <summary>Gives each new paper its <see cref="Paper.Id"/> and inserts them all.</summary>
    public abstract Task InsertPapersAsync(List<Paper> papers, CancellationToken ct);

    /// <summary>Rewrites every content column and the change number of stored papers, found by arXiv id.</summary>
    public abstract Task UpdatePapersAsync(List<Paper> papers, CancellationToken ct);

    public abstract Task InsertDailyAsync(List<DailyEntry> entries, CancellationToken ct);

    /// <summary>Rewrites stored feed entries, found by paper id.</summary>
    public abstract Task UpdateDailyAsync(List<DailyEntry> entries, CancellationToken ct);

    /// <summary>
    /// <c>column IN (...)</c> over a whole list bound as one parameter: a JSON array on SQLite (which binds each
    /// parameter by a linear search of the statement's names, so hundreds of them cost more than the lookup),
    /// an array on PostgreSQL.
    /// </summary>
    protected abstract string InList(string column, DbCommand cmd, IReadOnlyCollection<string> values);
    protected abstract string InList(string column, DbCommand cmd, IReadOnlyCollection<long> values);

    public async Task<Dictionary<string, Paper>> LoadPapersAsync(IReadOnlyCollection<string> arxivIds, CancellationToken ct)
    {
        var result = new Dictionary<string, Paper>(arxivIds.Count);
        await using var cmd = Sql.Command(Conn, Tx, "");
        cmd.CommandText = $"SELECT {PaperColumns} FROM papers WHERE {InList("ArxivId", cmd, arxivIds)}";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var p = new Paper
            {
                Id = r.GetInt64(0), ArxivId = r.GetString(1), Version = r.GetInt32(2), Title = r.GetString(3),
                Abstract = r.GetString(4), Authors = StringListJson.Deserialize(r.GetString(5)),
                Categories = StringListJson.Deserialize(r.GetString(6)), PrimaryCategory = Str(r, 7),
                PublishedAt = Date(r, 8), UpdatedAt = Date(r, 9), Comment = Str(r, 10), JournalRef = Str(r, 11),
                Doi = Str(r, 12), GithubRepo = Str(r, 13), ProjectPage = Str(r, 14), ChangeNumber = r.GetInt64(15),
            };
            result[p.ArxivId] = p;
        }
        return result;
    }

    public async Task<Dictionary<long, DailyEntry>> LoadDailyAsync(IReadOnlyCollection<long> paperIds, CancellationToken ct)
    {
        var result = new Dictionary<long, DailyEntry>(paperIds.Count);
        await using var cmd = Sql.Command(Conn, Tx, "");
        cmd.CommandText = $"SELECT {DailyColumns} FROM daily_entries WHERE {InList("PaperId", cmd, paperIds)}";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var e = new DailyEntry
            {
                Id = r.GetInt64(0), PaperId = r.GetInt64(1), Day = r.GetFieldValue<DateOnly>(2),
                SubmittedAt = DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc), SubmittedBy = Str(r, 4),
                SubmitterFullname = Str(r, 5), SubmitterAvatarUrl = Str(r, 6), Upvotes = r.GetInt32(7), CommentCount = r.GetInt32(8),
                LocalUpvotes = r.GetInt32(9), LocalComments = r.GetInt32(10), Trending = r.GetDouble(11),
            };
            result[e.PaperId] = e;
        }
        return result;
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // SQLite hands dates back without a kind; every stored time is UTC.
    private static DateTime? Date(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    protected static DateTime? Utc(DateTime? d) => d is null ? null : DateTime.SpecifyKind(d.Value, DateTimeKind.Utc);
}
