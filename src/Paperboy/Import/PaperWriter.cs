using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Papers;

namespace Paperboy.Import;

public enum RecordOutcome { Imported, Updated, Unchanged }

/// <summary>
/// Writes batches of records in one transaction each, through ADO.NET on the context's connection: EF's change
/// tracker costs more than the whole import at tens of thousands of rows a second. A batch reads the papers it
/// names in one query, merges in memory, and writes only what changed (<see cref="PaperRows"/>).
/// </summary>
public sealed class PaperWriter(AppDbContext db)
{
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
            var outcomes = await WriteInTransactionAsync(PaperRows.For(conn, tx), conn, tx, records, ct);
            if (inTransaction is not null) await inTransaction(conn, tx);
            await tx.CommitAsync(ct);
            return outcomes;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<RecordOutcome[]> WriteInTransactionAsync(PaperRows rows, DbConnection conn, DbTransaction tx,
        IReadOnlyList<PaperRecord> records, CancellationToken ct)
    {
        var ids = new HashSet<string>(records.Count);
        foreach (var r in records) ids.Add(r.ArxivId);
        var stored = await rows.LoadPapersAsync(ids, ct);

        // Merge every record into its paper in input order; a paper named twice in a batch is written once.
        var merged = new Dictionary<string, Paper>(ids.Count);
        foreach (var r in records)
        {
            var before = merged.GetValueOrDefault(r.ArxivId) ?? stored.GetValueOrDefault(r.ArxivId);
            merged[r.ArxivId] = PaperMerge.Merge(before, r);
        }
        var inserts = new List<Paper>(merged.Count - stored.Count);
        var updates = new List<Paper>();
        foreach (var p in merged.Values)
        {
            if (!stored.TryGetValue(p.ArxivId, out var s)) inserts.Add(p);
            else if (!PaperMerge.SameContent(s, p)) updates.Add(p);
        }

        var next = await ReserveChangeNumbersAsync(conn, tx, inserts.Count + updates.Count, ct);
        foreach (var p in inserts) p.ChangeNumber = next++;
        foreach (var p in updates) p.ChangeNumber = next++;
        await rows.InsertPapersAsync(inserts, ct);
        await rows.UpdatePapersAsync(updates, ct);

        var changedDaily = await WriteDailyAsync(rows, records, merged, ct);

        // A paper named twice in one batch counts once; its later records are unchanged by definition.
        var updated = updates.Select(u => u.ArxivId).Concat(changedDaily).ToHashSet();
        var outcomes = new RecordOutcome[records.Count];
        var seen = new HashSet<string>(ids.Count);
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

    /// <summary>Merges the batch's daily records into feed entries; returns the ids of papers whose entry changed.</summary>
    private static async Task<HashSet<string>> WriteDailyAsync(PaperRows rows, IReadOnlyList<PaperRecord> records,
        Dictionary<string, Paper> papers, CancellationToken ct)
    {
        var changed = new HashSet<string>();
        var daily = records.Where(r => r.Daily is not null).ToList();
        if (daily.Count == 0) return changed;

        var paperIds = daily.Select(r => papers[r.ArxivId].Id).ToHashSet();
        var stored = await rows.LoadDailyAsync(paperIds, ct);

        var merged = new Dictionary<long, (DailyEntry Entry, string ArxivId)>();
        foreach (var r in daily)
        {
            var paperId = papers[r.ArxivId].Id;
            var before = merged.TryGetValue(paperId, out var m) ? m.Entry : stored.GetValueOrDefault(paperId);
            merged[paperId] = (DailyMerge.Merge(before, r.Daily!, paperId), r.ArxivId);
        }

        var inserts = new List<DailyEntry>();
        var updates = new List<DailyEntry>();
        foreach (var (paperId, (entry, arxivId)) in merged)
        {
            var old = stored.GetValueOrDefault(paperId);
            if (old is not null && DailyMerge.SameContent(old, entry)) continue;
            changed.Add(arxivId);
            (old is null ? inserts : updates).Add(entry);
        }
        await rows.UpdateDailyAsync(updates, ct);
        await rows.InsertDailyAsync(inserts, ct);
        return changed;
    }
}
