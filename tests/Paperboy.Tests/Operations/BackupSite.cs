using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Comments;
using Paperboy.Community.Votes;
using Paperboy.Import;
using Paperboy.Operations.Backups;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>What the backup tests share: a populated site, its rows as comparable text, and a served process.</summary>
internal static class BackupSite
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Skips a PostgreSQL test when pg_dump and pg_restore are not installed.</summary>
    public static void RequireTools(Engine engine)
    {
        if (engine != Engine.Postgres) return;
        try
        {
            PostgresBackup.FindTool("pg_dump");
            PostgresBackup.FindTool("pg_restore");
        }
        catch (BackupFailure e)
        {
            Assert.Skip($"PostgreSQL's client tools are missing: {e.Message}");
        }
    }

    public static PaperRecord Paper(string id, string title, DateOnly? day = null) => new()
    {
        ArxivId = id, Version = 1, Title = title, Abstract = $"We study {title.ToLowerInvariant()} in depth.",
        Authors = ["Ada Lovelace", "Alan Turing"], Categories = ["cs.LG"],
        PublishedAt = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc),
        Daily = day is { } d ? new DailyRecord { Day = d, SubmittedAt = d.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), Upvotes = 3 } : null,
    };

    /// <summary>Papers on the feed, three members, their votes and a comment.</summary>
    public static async Task PopulateAsync(TestDatabase database, int papers)
    {
        var day = new DateOnly(2025, 6, 2);
        await using var db = database.CreateContext();
        await new PaperWriter(db).WriteAsync(Enumerable.Range(1, papers)
            .Select(i => Paper($"2506.{i:00000}", $"Seeded paper number {i}", day)).ToList(), ct: Ct);
        for (var u = 0; u < 3; u++)
            db.Users.Add(new User
            {
                UserName = $"member{u}", NormalizedUserName = $"MEMBER{u}", Email = $"member{u}@example.org",
                NormalizedEmail = $"MEMBER{u}@EXAMPLE.ORG", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow,
            });
        await db.SaveChangesAsync(Ct);
        var users = await db.Users.Select(u => u.Id).ToListAsync(Ct);
        var ids = await db.Papers.OrderBy(p => p.Id).Select(p => p.Id).Take(5).ToListAsync(Ct);
        var votes = new VoteService(db, TimeProvider.System);
        foreach (var user in users)
            foreach (var paper in ids.Take(3))
                Assert.NotNull(await votes.SetAsync(user, paper, true, Ct));
        db.Comments.Add(new Comment { PaperId = ids[0], UserId = users[0], Body = "Section *4* answers it.", Html = "<p>Section <em>4</em> answers it.</p>", CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Every row of the tables a site's members and imports fill, as JSON text, table by table.</summary>
    public static async Task<Dictionary<string, List<string>>> RowsAsync(TestDatabase database, long? upToChange = null)
    {
        await using var db = database.CreateContext();
        var limit = upToChange ?? long.MaxValue;
        return new()
        {
            ["papers"] = Json(await db.Papers.AsNoTracking().Where(p => p.ChangeNumber <= limit).OrderBy(p => p.Id).ToListAsync(Ct)),
            // A vote changes its entry's count and score but not the paper's change number: a paper written just
            // before the backup may have its vote after it. Votes and counts are compared with each other instead.
            ["daily_entries"] = Json(await db.DailyEntries.AsNoTracking().Where(e => e.Paper.ChangeNumber <= limit).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.PaperId, e.Day, e.SubmittedAt, e.Upvotes, e.LocalComments }).ToListAsync(Ct)),
            ["users"] = Json(await db.Users.AsNoTracking().OrderBy(u => u.Id)
                .Select(u => new { u.Id, u.UserName, u.Email, u.SecurityStamp, u.PasswordHash }).ToListAsync(Ct)),
            ["votes"] = Json(await db.Votes.AsNoTracking().OrderBy(v => v.UserId).ThenBy(v => v.PaperId).ToListAsync(Ct)),
            ["comments"] = Json(await db.Comments.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Ct)),
        };

        static List<string> Json<T>(List<T> rows) => rows.Select(r => JsonSerializer.Serialize(r)).ToList();
    }

    /// <summary>
    /// Closes this test process's pooled connections, which a restore rightly counts as the database being in use.
    /// </summary>
    public static void ReleaseConnections()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>paperboy serve</c> on loopback (no embedding model) and waits until it answers.</summary>
    public static async Task<(PaperboyProcess Server, HttpClient Http)> ServeAsync(string[] cliArgs,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        var all = new Dictionary<string, string?> { ["Paperboy:Search:Embed"] = "false", ["Paperboy:Search:CatchUpSeconds"] = "0.5" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var server = PaperboyProcess.Start(all, [.. cliArgs, "serve", "--urls", $"http://127.0.0.1:{port}"]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, $"paperboy exited early:\n{server.Stdout}\n{server.Stderr}");
            try
            {
                using var response = await http.GetAsync("/healthz", Ct);
                if (response.StatusCode == HttpStatusCode.OK) return (server, http);
            }
            catch (HttpRequestException) { }
            await Task.Delay(200, Ct);
        }
        server.Dispose();
        throw new TimeoutException($"paperboy did not answer within 60 s:\n{server.Stdout}\n{server.Stderr}");
    }
}
