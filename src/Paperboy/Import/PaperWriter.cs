using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Import;

public enum RecordOutcome { Imported, Updated, Unchanged }

/// <summary>
/// Writes batches of records in one transaction each, through prepared ADO.NET commands on the context's
/// connection: EF's change tracker costs more than the whole import at tens of thousands of rows a second.
/// The SQL is plain enough to run unchanged on SQLite and PostgreSQL.
/// </summary>
public sealed class PaperWriter(AppDbContext db)
{
    private const string PaperColumns =
        "\"Id\", \"ArxivId\", \"Version\", \"Title\", \"Abstract\", \"Authors\", \"Categories\", \"PrimaryCategory\", " +
        "\"PublishedAt\", \"UpdatedAt\", \"Comment\", \"JournalRef\", \"Doi\", \"GithubRepo\", \"ProjectPage\", \"ChangeNumber\"";

    private const string DailyColumns =
        "\"Id\", \"PaperId\", \"Day\", \"SubmittedAt\", \"SubmittedBy\", \"SubmitterFullname\", \"SubmitterAvatarUrl\", \"Upvotes\", \"CommentCount\"";

    // IN lists stay well under SQLite's and PostgreSQL's parameter limits.
    private const int LookupChunk = 500;

    /// <summary>
    /// Writes one batch atomically and returns each record's outcome, in order. <paramref name="inTransaction"/>
    /// runs inside the same transaction before commit (the harvester saves its checkpoint there).
    /// </summary>
    public async Task<RecordOutcome[]> WriteAsync(IReadOnlyList<PaperRecord> records,
        Func<DbConnection, DbTransaction, Task>? inTransaction = null, CancellationToken ct = default)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var outcomes = await WriteInTransactionAsync(conn, tx, records, ct);
            if (inTransaction is not null) await inTransaction(conn, tx);
            await tx.CommitAsync(ct);
            return outcomes;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<RecordOutcome[]> WriteInTransactionAsync(DbConnection conn, DbTransaction tx,
        IReadOnlyList<PaperRecord> records, CancellationToken ct)
    {
        var outcomes = new RecordOutcome[records.Count];
        var ids = records.Select(r => r.ArxivId).Distinct().ToList();
        var stored = await LoadPapersAsync(conn, tx, ids, ct);

        // Merge every record into its paper in input order; a paper named twice in a batch is written once.
        var merged = new Dictionary<string, Paper>(stored.Count);
        foreach (var r in records)
        {
            var before = merged.GetValueOrDefault(r.ArxivId) ?? stored.GetValueOrDefault(r.ArxivId);
            merged[r.ArxivId] = PaperMerge.Merge(before, r);
        }
        var inserts = merged.Values.Where(p => !stored.ContainsKey(p.ArxivId)).ToList();
        var updates = merged.Values.Where(p => stored.TryGetValue(p.ArxivId, out var s) && !PaperMerge.SameContent(s, p)).ToList();

        var next = await ReserveChangeNumbersAsync(conn, tx, inserts.Count + updates.Count, ct);
        foreach (var p in inserts.Concat(updates)) p.ChangeNumber = next++;
        await InsertPapersAsync(conn, tx, inserts, ct);
        await UpdatePapersAsync(conn, tx, updates, ct);

        var changedDaily = await WriteDailyAsync(conn, tx, records, merged, ct);

        // A paper named twice in one batch counts once; its later records are unchanged by definition.
        var updated = updates.Select(u => u.ArxivId).Concat(changedDaily).ToHashSet();
        var seen = new HashSet<string>();
        for (var i = 0; i < records.Count; i++)
        {
            var id = records[i].ArxivId;
            outcomes[i] = !seen.Add(id) ? RecordOutcome.Unchanged
                : !stored.ContainsKey(id) ? RecordOutcome.Imported
                : updated.Contains(id) ? RecordOutcome.Updated
                : RecordOutcome.Unchanged;
        }
        return outcomes;
    }

    private static async Task<long> ReserveChangeNumbersAsync(DbConnection conn, DbTransaction tx, int count, CancellationToken ct)
    {
        if (count == 0) return 0;
        // The counter row stays locked until commit, so change numbers become visible in increasing order:
        // a reader that has seen number N never later finds a commit with a number below N.
        await using var cmd = Sql.Command(conn, tx,
            "UPDATE counters SET \"Value\" = \"Value\" + @n WHERE \"Name\" = @name RETURNING \"Value\"");
        Sql.Add(cmd, "@n", (long)count);
        Sql.Add(cmd, "@name", Counter.PaperChanges);
        var last = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        return last - count + 1;
    }

    private static async Task<Dictionary<string, Paper>> LoadPapersAsync(DbConnection conn, DbTransaction tx,
        List<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, Paper>(ids.Count);
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            await using var cmd = Sql.InList(conn, tx, $"SELECT {PaperColumns} FROM papers WHERE \"ArxivId\" IN", chunk);
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
        }
        return result;
    }

    private static readonly string[] InsertColumns =
        ["ArxivId", "Version", "Title", "Abstract", "Authors", "Categories", "PrimaryCategory", "PublishedAt",
         "UpdatedAt", "Comment", "JournalRef", "Doi", "GithubRepo", "ProjectPage", "ChangeNumber", "Id"];

    private static async Task InsertPapersAsync(DbConnection conn, DbTransaction tx, List<Paper> papers, CancellationToken ct)
    {
        if (papers.Count == 0) return;
        if (conn is SqliteConnection)
        {
            // SQLite: this transaction holds the database's only write lock, so ids after the current maximum are
            // ours to hand out, and a RETURNING per row (which doubles the cost of an insert) is not needed.
            await using var max = Sql.Command(conn, tx, "SELECT COALESCE(MAX(\"Id\"), 0) FROM papers");
            var next = Convert.ToInt64(await max.ExecuteScalarAsync(ct)) + 1;
            foreach (var p in papers) p.Id = next++;
            await foreach (var _ in MultiRowInsert.RunAsync(conn, tx, "papers", InsertColumns,
                               papers.Select(p => PaperValues(p).Append(p.Id).ToArray()), null, _ => 0, ct)) { }
            return;
        }
        // PostgreSQL: ids come from the column's identity sequence, shared with other writers.
        var byId = papers.ToDictionary(p => p.ArxivId);
        await foreach (var (id, arxivId) in MultiRowInsert.RunAsync(conn, tx, "papers", InsertColumns[..^1], papers.Select(PaperValues),
                           "RETURNING \"Id\", \"ArxivId\"", r => (r.GetInt64(0), r.GetString(1)), ct))
            byId[arxivId].Id = id;
    }

    private static object?[] PaperValues(Paper p) =>
    [
        p.ArxivId, p.Version, p.Title, p.Abstract, StringListJson.Serialize(p.Authors),
        StringListJson.Serialize(p.Categories), p.PrimaryCategory, Utc(p.PublishedAt), Utc(p.UpdatedAt), p.Comment,
        p.JournalRef, p.Doi, p.GithubRepo, p.ProjectPage, p.ChangeNumber,
    ];

    private static async Task UpdatePapersAsync(DbConnection conn, DbTransaction tx, List<Paper> papers, CancellationToken ct)
    {
        if (papers.Count == 0) return;
        await using var cmd = Sql.Command(conn, tx,
            "UPDATE papers SET \"Version\" = @Version, \"Title\" = @Title, \"Abstract\" = @Abstract, \"Authors\" = @Authors, " +
            "\"Categories\" = @Categories, \"PrimaryCategory\" = @PrimaryCategory, \"PublishedAt\" = @PublishedAt, " +
            "\"UpdatedAt\" = @UpdatedAt, \"Comment\" = @Comment, \"JournalRef\" = @JournalRef, \"Doi\" = @Doi, " +
            "\"GithubRepo\" = @GithubRepo, \"ProjectPage\" = @ProjectPage, \"ChangeNumber\" = @ChangeNumber WHERE \"ArxivId\" = @ArxivId");
        var ps = PaperParameters(cmd);
        foreach (var p in papers)
        {
            SetPaper(ps, p);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Merges the batch's daily records into feed entries; returns the ids of papers whose entry changed.</summary>
    private static async Task<HashSet<string>> WriteDailyAsync(DbConnection conn, DbTransaction tx,
        IReadOnlyList<PaperRecord> records, Dictionary<string, Paper> papers, CancellationToken ct)
    {
        var changed = new HashSet<string>();
        var daily = records.Where(r => r.Daily is not null).ToList();
        if (daily.Count == 0) return changed;

        var paperIds = daily.Select(r => papers[r.ArxivId].Id).Distinct().ToList();
        var stored = new Dictionary<long, DailyEntry>();
        foreach (var chunk in paperIds.Chunk(LookupChunk))
        {
            await using var cmd = Sql.InList(conn, tx, $"SELECT {DailyColumns} FROM daily_entries WHERE \"PaperId\" IN", chunk);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var e = new DailyEntry
                {
                    Id = r.GetInt64(0), PaperId = r.GetInt64(1), Day = r.GetFieldValue<DateOnly>(2),
                    SubmittedAt = DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc), SubmittedBy = Str(r, 4),
                    SubmitterFullname = Str(r, 5), SubmitterAvatarUrl = Str(r, 6), Upvotes = r.GetInt32(7), CommentCount = r.GetInt32(8),
                };
                stored[e.PaperId] = e;
            }
        }

        var merged = new Dictionary<long, (DailyEntry Entry, string ArxivId)>();
        foreach (var r in daily)
        {
            var paperId = papers[r.ArxivId].Id;
            var before = merged.TryGetValue(paperId, out var m) ? m.Entry : stored.GetValueOrDefault(paperId);
            merged[paperId] = (DailyMerge.Merge(before, r.Daily!, paperId), r.ArxivId);
        }

        await using var update = Sql.Command(conn, tx,
            "UPDATE daily_entries SET \"Day\" = @Day, \"SubmittedAt\" = @SubmittedAt, \"SubmittedBy\" = @SubmittedBy, " +
            "\"SubmitterFullname\" = @SubmitterFullname, \"SubmitterAvatarUrl\" = @SubmitterAvatarUrl, \"Upvotes\" = @Upvotes, " +
            "\"CommentCount\" = @CommentCount WHERE \"PaperId\" = @PaperId");
        var updatePs = DailyParameters(update);
        var inserts = new List<DailyEntry>();
        foreach (var (paperId, (entry, arxivId)) in merged)
        {
            var old = stored.GetValueOrDefault(paperId);
            if (old is not null && DailyMerge.SameContent(old, entry)) continue;
            changed.Add(arxivId);
            if (old is null) { inserts.Add(entry); continue; }
            SetDaily(updatePs, entry);
            await update.ExecuteNonQueryAsync(ct);
        }
        await foreach (var _ in MultiRowInsert.RunAsync(conn, tx, "daily_entries", DailyInsertColumns,
                           inserts.Select(DailyValues), null, r => 0, ct)) { }
        return changed;
    }

    private static DbParameter[] PaperParameters(DbCommand cmd) =>
        new[] { "@ArxivId", "@Version", "@Title", "@Abstract", "@Authors", "@Categories", "@PrimaryCategory", "@PublishedAt",
         "@UpdatedAt", "@Comment", "@JournalRef", "@Doi", "@GithubRepo", "@ProjectPage", "@ChangeNumber" }
        .Select(n => Sql.Add(cmd, n, null)).ToArray();

    private static void SetPaper(DbParameter[] ps, Paper p)
    {
        var values = PaperValues(p);
        for (var i = 0; i < ps.Length; i++) ps[i].Value = values[i] ?? DBNull.Value;
    }

    private static DbParameter[] DailyParameters(DbCommand cmd) =>
        new[] { "@PaperId", "@Day", "@SubmittedAt", "@SubmittedBy", "@SubmitterFullname", "@SubmitterAvatarUrl", "@Upvotes", "@CommentCount" }
        .Select(n => Sql.Add(cmd, n, null)).ToArray();

    private static readonly string[] DailyInsertColumns =
        ["PaperId", "Day", "SubmittedAt", "SubmittedBy", "SubmitterFullname", "SubmitterAvatarUrl", "Upvotes", "CommentCount"];

    private static object?[] DailyValues(DailyEntry e) =>
        [e.PaperId, e.Day, Utc(e.SubmittedAt), e.SubmittedBy, e.SubmitterFullname, e.SubmitterAvatarUrl, e.Upvotes, e.CommentCount];

    private static void SetDaily(DbParameter[] ps, DailyEntry e)
    {
        var values = DailyValues(e);
        for (var i = 0; i < ps.Length; i++) ps[i].Value = values[i] ?? DBNull.Value;
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // SQLite hands dates back without a kind; every stored time is UTC.
    private static DateTime? Date(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? d) => d is null ? null : DateTime.SpecifyKind(d.Value, DateTimeKind.Utc);
}
