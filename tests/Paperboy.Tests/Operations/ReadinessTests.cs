using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Paperboy.Data;
using Paperboy.Search.Indexing;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Operations;

/// <summary><c>/readyz</c> and <c>/healthz</c> over HTTP, on both engines.</summary>
public class ReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Day = new(2025, 6, 2);

    // The background indexer runs on the site's fake clock: once at start, then only when a test advances it.
    private static readonly Dictionary<string, string?> Settings = new() { ["Paperboy:Search:CatchUpSeconds"] = "60" };

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MigratedCaughtUpSite_IsReady_AndNamesEveryCheck(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: Settings);
        await site.SeedAsync(TestSite.Paper("2506.00001", Day, 3), TestSite.Paper("2506.00002", Day, 5));
        await site.Services.GetRequiredService<SearchIndexer>().CatchUpAsync(Ct);

        var (status, body) = await ReadyAsync(site);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(["database", "migrations", "search-index", "vectors"], Checks(body).Keys.Order());
        Assert.All(Checks(body).Values, c => Assert.Equal("healthy", c.Status));
        Assert.Contains("level with the database", Checks(body)["search-index"].Reason);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task IndexBehind_IsToleratedForOneInterval_Then503NamesTheSearchIndex_UntilItCatchesUp(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: Settings);
        var indexer = site.Services.GetRequiredService<SearchIndexer>();
        await indexer.CatchUpAsync(Ct);
        // The indexer stops looking (as one that keeps failing would); a paper is then written behind its back.
        await indexer.StopAsync(Ct);
        await site.SeedAsync(TestSite.Paper("2506.00003", Day, 1));

        var (fresh, freshBody) = await ReadyAsync(site);
        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.Contains("taken at the next", Checks(freshBody)["search-index"].Reason);

        site.Clock.Advance(TimeSpan.FromSeconds(60) + TimeSpan.FromSeconds(6));
        var (behind, body) = await ReadyAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, behind);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        var check = Checks(body)["search-index"];
        Assert.Equal("unhealthy", check.Status);
        Assert.Contains("1 behind", check.Reason);
        Assert.Equal("healthy", Checks(body)["database"].Status);

        await indexer.CatchUpAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(site)).Status);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MigrationNotApplied_Is503NamingIt(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: Settings);
        string last;
        await using (var db = site.Database.CreateContext())
        {
            last = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}", Ct);
        }

        var (status, body) = await ReadyAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", Checks(body)["migrations"].Status);
        Assert.Contains(last, Checks(body)["migrations"].Reason);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DatabaseUnreachable_Is503NamingTheDatabase_WhileLivenessStays200(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: Settings);
        await site.Services.GetRequiredService<SearchIndexer>().CatchUpAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(site)).Status);

        await MakeUnreachableAsync(site.Database);
        var (status, body) = await ReadyAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", Checks(body)["database"].Status);
        Assert.StartsWith("does not answer", Checks(body)["database"].Reason);
        // The public answer names no host, database or file.
        Assert.DoesNotContain(site.Database.Data.Path, body.GetRawText());
        using var live = await site.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>PostgreSQL: the database is dropped. SQLite: its file is replaced by a folder, which cannot be opened.</summary>
    private static async Task MakeUnreachableAsync(TestDatabase database)
    {
        if (database.Engine == Engine.Postgres)
        {
            var name = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString).Database;
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
            await admin.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(Ct);
            NpgsqlConnection.ClearAllPools();
            return;
        }
        SqliteConnection.ClearAllPools();
        var file = database.Data.SqliteFile;
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists)) File.Delete(f);
        Directory.CreateDirectory(file);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(TestSite site)
    {
        using var response = await site.GetAsync("/readyz");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    private static Dictionary<string, (string Status, string Reason)> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("status").GetString()!, c.GetProperty("reason").GetString()!));
}
