using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Data;

namespace Paperboy.Bench.Community;

/// <summary>
/// Adds N members (<c>bench-000001</c>...; all with the password <see cref="Password"/>) and M upvotes to a database
/// that already holds a feed. Votes lean towards recent entries, as real ones do: the entry is drawn at rank
/// <c>n·u³</c> of the feed sorted newest first. Each entry's LocalUpvotes is then set from the votes table; the
/// trending scores are left to <c>paperboy trending backfill</c>, the command an operator would run.
/// </summary>
public static class CommunitySeed
{
    public const string Password = "bench password";
    public static string UserName(int i) => $"bench-{i:D6}";

    public static async Task RunAsync(AppDbContext db, int users, long votes, int seed, TextWriter log, CancellationToken ct)
    {
        await DataServices.MigrateAsync(db, ct);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        var firstUser = await AddUsersAsync(db, conn, users, ct);
        log.WriteLine($"{users:N0} members added");

        var entries = await db.DailyEntries.OrderByDescending(e => e.Day).ThenBy(e => e.PaperId).Select(e => e.PaperId).ToArrayAsync(ct);
        if (entries.Length == 0) throw new InvalidOperationException("the database has no feed entries: import a corpus first");
        var rng = new Random(seed);
        var chosen = new HashSet<(long, long)>();
        var batch = new List<object?[]>(10_000);
        var now = DateTime.UtcNow;
        while (chosen.Count < votes)
        {
            var user = firstUser + rng.Next(users);
            var paper = entries[(int)(entries.Length * Math.Pow(rng.NextDouble(), 3))];
            if (!chosen.Add((user, paper))) continue;
            batch.Add([user, paper, now]);
            if (batch.Count == batch.Capacity) await FlushAsync(conn, batch, ct);
            if (chosen.Count % 500_000 == 0) log.WriteLine($"{chosen.Count:N0} votes");
        }
        await FlushAsync(conn, batch, ct);
        await using (var count = Sql.Command(conn, null,
            "UPDATE daily_entries SET \"LocalUpvotes\" = (SELECT COUNT(*) FROM votes v WHERE v.\"PaperId\" = daily_entries.\"PaperId\")"))
        {
            count.CommandTimeout = 0;
            await count.ExecuteNonQueryAsync(ct);
        }
        log.WriteLine($"{votes:N0} votes added over {entries.Length:N0} feed entries");
    }

    private static async Task<long> AddUsersAsync(AppDbContext db, DbConnection conn, int users, CancellationToken ct)
    {
        // One hash for everyone: hashing 100k passwords one by one would take longer than everything else together.
        var hash = new PasswordHasher<User>().HashPassword(new User(), Password);
        var first = (await db.Users.MaxAsync(u => (long?)u.Id, ct) ?? 0) + 1;
        var now = DateTime.UtcNow;
        string[] columns = ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
            "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "CreatedAt"];
        foreach (var chunk in Enumerable.Range(1, users).Chunk(10_000))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var rows = chunk.Select(i => new object?[]
            {
                first + i - 1, UserName(i), UserName(i).ToUpperInvariant(), $"{UserName(i)}@bench.invalid",
                $"{UserName(i)}@bench.invalid".ToUpperInvariant(), true, hash, Guid.NewGuid().ToString("N"),
                Guid.NewGuid().ToString(), false, false, true, 0, now,
            });
            await BulkInsert.RunAsync(conn, tx, "users", columns, rows, ct);
            await tx.CommitAsync(ct);
        }
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('users', 'Id'), (SELECT MAX(\"Id\") FROM users))", ct);
        return first;
    }

    private static async Task FlushAsync(DbConnection conn, List<object?[]> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await BulkInsert.RunAsync(conn, tx, "votes", ["UserId", "PaperId", "CreatedAt"], batch, ct);
        await tx.CommitAsync(ct);
        batch.Clear();
    }
}
