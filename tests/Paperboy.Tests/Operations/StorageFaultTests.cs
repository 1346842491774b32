using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Paperboy.Data;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// The real server when its database refuses writes for real: on SQLite the database file on a read-only mount
/// (which root cannot write through either), on PostgreSQL a database in read-only mode (as a standby or a primary
/// set read-only is). Every kind of write (a vote and a comment through the forms, a sign-up, a vote through the
/// API) answers 503 saying nothing was saved, the log names the cause, nothing is stored, and reads keep working.
/// The full disk is <see cref="StorageFailureTests"/>.
/// </summary>
public class StorageFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Member = "reader";
    private static readonly string Paper = FaultSite.PaperId(1);

    /// <summary>
    /// A file that was writable when the site ran and is read-only when it starts again (a filesystem remounted
    /// read-only after errors, a restored file left read-only). A running server cannot be switched over: the
    /// kernel refuses to make a mount read-only while files on it are open for writing, so the server is restarted
    /// on it, which is also what the startup itself must survive.
    /// </summary>
    [Fact]
    public async Task SqliteFileReadOnly_ServerStartsOnIt_ReadsWork_WritesAnswer503AndStoreNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var secrets = await FaultSite.SeedAsync(database.CreateContext, 3, [Member]);
        using var browser = ScaleOutSite.Browser();
        // The first run, writable: the member signs in and the papers are indexed, as on a site that ran before.
        var (first, firstHttp) = await BackupSite.ServeAsync(database.CliArgs, FaultSite.Settings);
        using (first)
        using (firstHttp)
        {
            await SignInAsync(browser, firstHttp.BaseAddress!);
            await WaitIndexedAsync(browser, firstHttp.BaseAddress!);
        }
        // Everything in the database file itself, so that nothing waits in the write-ahead log to be written back.
        BackupSite.ReleaseConnections();
        await using (var conn = new SqliteConnection(DataServices.SqliteConnectionString(database.Data)))
        {
            await conn.OpenAsync(Ct);
            await using var cmd = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", conn);
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        BackupSite.ReleaseConnections();
        var before = await CountsAsync(database.CreateContext);
        BackupSite.ReleaseConnections();

        var file = database.Data.SqliteFile;
        if (!await FaultSite.RunToolAsync("mount", "--bind", file, file))
            Assert.Skip("bind mounts are not permitted here (the test needs root in a VM or a privileged container)");
        try
        {
            Assert.True(await FaultSite.RunToolAsync("mount", "-o", "remount,bind,ro", file), "remounting the database file read-only failed");
            Assert.ThrowsAny<IOException>(() => File.OpenWrite(file).Dispose());

            var (server, http) = await BackupSite.ServeAsync(database.CliArgs, FaultSite.Settings);
            using (server)
            using (http)
            {
                await AssertReadsWorkAsync(browser, http.BaseAddress!, secrets[Member]);
                await AssertWritesRefusedAsync(server, browser, http.BaseAddress!, secrets[Member], "the database file is read-only");
                await AssertReadsWorkAsync(browser, http.BaseAddress!, secrets[Member]);
            }
        }
        finally
        {
            BackupSite.ReleaseConnections();
            if (!await FaultSite.RunToolAsync("umount", file)) await FaultSite.RunToolAsync("umount", "-l", file);
        }
        Assert.Equal(before, await CountsAsync(database.CreateContext));
    }

    /// <summary>
    /// PostgreSQL turned read-only under a running site and back (the server drops its clients' sessions, as a
    /// failover does): writes answer 503 meanwhile, and work again afterwards without restarting Paperboy.
    /// </summary>
    [Fact]
    public async Task PostgresReadOnly_ReadsWork_WritesAnswer503AndStoreNothing_AndResumeWhenWritable()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        var secrets = await FaultSite.SeedAsync(database.CreateContext, 3, [Member]);
        using var browser = ScaleOutSite.Browser();
        var (server, http) = await BackupSite.ServeAsync(database.CliArgs, FaultSite.Settings);
        using var _ = server;
        using var __ = http;
        var site = http.BaseAddress!;
        await SignInAsync(browser, site);
        await WaitIndexedAsync(browser, site);
        var before = await CountsAsync(database.CreateContext);

        await SetReadOnlyAsync(database, true);
        try
        {
            await AssertReadsWorkAsync(browser, site, secrets[Member]);
            await AssertWritesRefusedAsync(server, browser, site, secrets[Member], "the database is read-only");
            Assert.Equal(before, await CountsAsync(database.CreateContext));
        }
        finally
        {
            await SetReadOnlyAsync(database, false);
        }

        using var member = FaultSite.Member(site, secrets[Member]);
        using var vote = await member.PostAsync($"/api/papers/{Paper}/upvote", null, Ct);
        Assert.True(vote.StatusCode == HttpStatusCode.OK, $"vote once writable again: {(int)vote.StatusCode} {await vote.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal(before with { Votes = before.Votes + 1, LocalUpvotes = before.LocalUpvotes + 1 }, await CountsAsync(database.CreateContext));
        await FaultSite.AssertDerivedStateAsync(database.CreateContext);
    }

    private sealed record Counts(int Votes, int Comments, int Users, int LocalUpvotes, int LocalComments);

    private static async Task<Counts> CountsAsync(Func<AppDbContext> context)
    {
        await using var db = context();
        return new(await db.Votes.CountAsync(Ct), await db.Comments.CountAsync(Ct), await db.Users.CountAsync(Ct),
            await db.DailyEntries.SumAsync(e => e.LocalUpvotes, Ct), await db.DailyEntries.SumAsync(e => e.LocalComments, Ct));
    }

    private static async Task SignInAsync(HttpClient browser, Uri site)
    {
        var token = await ScaleOutSite.TokenAsync(browser, new Uri(site, "/account/signin"));
        using var signedIn = await ScaleOutSite.PostFormAsync(browser, new Uri(site, "/account/signin"), token,
            [new("Form.Name", Member), new("Form.Password", WebSession.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    private static async Task WaitIndexedAsync(HttpClient browser, Uri site)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await browser.GetStringAsync(new Uri(site, "/search?q=topic1"), Ct)).Contains(Paper))
        {
            Assert.True(DateTime.UtcNow < deadline, "the papers were not indexed within 30 s");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>
    /// The home page (the daily papers), a paper, search and the public API, as anyone, as the signed-in member
    /// and with the member's API token (whose last use is noted on the way: a write that must not cost the read).
    /// </summary>
    private static async Task AssertReadsWorkAsync(HttpClient browser, Uri site, string secret)
    {
        using var anonymous = new HttpClient { BaseAddress = site };
        using var token = FaultSite.Member(site, secret);
        foreach (var client in new[] { anonymous, browser, token })
            foreach (var path in new[] { "/papers", $"/papers/{Paper}", "/search?q=topic1", "/api/daily_papers", $"/api/papers/{Paper}/comments" })
            {
                using var response = await client.GetAsync(new Uri(site, path), Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                if (path.StartsWith("/search", StringComparison.Ordinal)) Assert.Contains(Paper, body);
            }
    }

    private static async Task AssertWritesRefusedAsync(PaperboyProcess server, HttpClient browser, Uri site, string secret, string reason)
    {
        var token = await ScaleOutSite.TokenAsync(browser, new Uri(site, $"/papers/{Paper}"));
        using (var vote = await ScaleOutSite.PostFormAsync(browser, new Uri(site, "/vote"), token, [new("paper", Paper), new("up", "true")]))
            await AssertNotSavedPageAsync(vote, "vote form");
        using (var comment = await ScaleOutSite.PostFormAsync(browser, new Uri(site, "/comments"), token, [new("paper", Paper), new("body", "Lost *words*")]))
            await AssertNotSavedPageAsync(comment, "comment form");
        using (var visitor = ScaleOutSite.Browser())
        {
            var signUpToken = await ScaleOutSite.TokenAsync(visitor, new Uri(site, "/account/signup"));
            using var signUp = await ScaleOutSite.PostFormAsync(visitor, new Uri(site, "/account/signup"), signUpToken,
                [new("Form.UserName", "newcomer"), new("Form.Email", "newcomer@example.org"), new("Form.Password", WebSession.Password)]);
            await AssertNotSavedPageAsync(signUp, "sign-up");
        }

        using var member = FaultSite.Member(site, secret);
        using var api = await member.PostAsync($"/api/papers/{Paper}/upvote", null, Ct);
        var json = await api.Content.ReadAsStringAsync(Ct);
        Assert.True(api.StatusCode == HttpStatusCode.ServiceUnavailable, $"API vote: {(int)api.StatusCode} {json}");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(json)!;
        Assert.Equal(503, (int)problem["status"]!);
        Assert.Contains("cannot store changes", (string)problem["detail"]!);
        Assert.DoesNotContain("Exception", json);
        Assert.NotNull(api.Headers.RetryAfter);

        // The log names the cause, for the page and for the API.
        var logged = $"Storage: POST /vote failed because {reason}";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Stdout.Contains(logged, StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(100, Ct);
        Assert.True(server.Stdout.Contains(logged, StringComparison.Ordinal), Tail(server.Stdout));
        Assert.Contains($"Storage: POST /api/papers/{Paper}/upvote failed because {reason}", server.Stdout);
    }

    private static async Task AssertNotSavedPageAsync(HttpResponseMessage response, string what)
    {
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {page[..Math.Min(page.Length, 300)]}");
        Assert.Contains("Not saved", page);
        Assert.Contains("cannot store changes", page);
        Assert.DoesNotContain("Exception", page);
        Assert.DoesNotContain(" at Paperboy.", page);
    }

    /// <summary>
    /// Turns the test's own database read-only or back, and ends its sessions so that every connection, the
    /// server's pooled ones included, starts over under the new setting.
    /// </summary>
    private static async Task SetReadOnlyAsync(TestDatabase database, bool readOnly)
    {
        var name = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString).Database!;
        await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        await conn.OpenAsync(Ct);
        var sql = (readOnly ? $"ALTER DATABASE {name} SET default_transaction_read_only = on; " : $"ALTER DATABASE {name} RESET default_transaction_read_only; ")
            + $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid();";
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(Ct);
        NpgsqlConnection.ClearAllPools();
    }

    private static string Tail(string log) => log[Math.Max(0, log.Length - 6000)..];
}
