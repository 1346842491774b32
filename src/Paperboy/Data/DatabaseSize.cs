using Microsoft.EntityFrameworkCore;

namespace Paperboy.Data;

public static class DatabaseSize
{
    /// <summary>Bytes the database takes: the SQLite file with its WAL, or PostgreSQL's pg_database_size.</summary>
    public static async Task<long> BytesAsync(AppDbContext db, DataFolder data, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
        return new[] { data.SqliteFile, data.SqliteFile + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }
}
