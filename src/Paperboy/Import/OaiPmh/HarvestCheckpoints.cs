using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Import.OaiPmh;

/// <summary>Reads and writes <see cref="HarvestCheckpoint"/> rows.</summary>
public static class HarvestCheckpoints
{
    // An upsert both SQLite (3.24+) and PostgreSQL run unchanged.
    private const string Upsert =
        "INSERT INTO harvest_checkpoints (\"Key\", \"ResumptionToken\", \"PagesDone\", \"RecordsDone\", \"Completed\", \"UpdatedAt\") " +
        "VALUES (@Key, @ResumptionToken, @PagesDone, @RecordsDone, @Completed, @UpdatedAt) " +
        "ON CONFLICT (\"Key\") DO UPDATE SET \"ResumptionToken\" = excluded.\"ResumptionToken\", " +
        "\"PagesDone\" = excluded.\"PagesDone\", \"RecordsDone\" = excluded.\"RecordsDone\", " +
        "\"Completed\" = excluded.\"Completed\", \"UpdatedAt\" = excluded.\"UpdatedAt\"";

    public static Task<HarvestCheckpoint?> LoadAsync(AppDbContext db, string key, CancellationToken ct) =>
        db.HarvestCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, ct);

    /// <summary>Saves inside the page's own transaction (<see cref="PaperWriter.WriteAsync"/>), so both commit or neither.</summary>
    public static async Task SaveAsync(DbConnection conn, DbTransaction tx, HarvestCheckpoint c, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = Upsert;
        object?[] values = [c.Key, c.ResumptionToken, c.PagesDone, c.RecordsDone, c.Completed, DateTime.SpecifyKind(c.UpdatedAt, DateTimeKind.Utc)];
        string[] names = ["@Key", "@ResumptionToken", "@PagesDone", "@RecordsDone", "@Completed", "@UpdatedAt"];
        for (var i = 0; i < names.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = names[i];
            p.Value = values[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static Task<int> ClearAsync(AppDbContext db, string key, CancellationToken ct) =>
        db.HarvestCheckpoints.Where(c => c.Key == key).ExecuteDeleteAsync(ct);
}
