using Npgsql;
using Paperboy.Data;

namespace Paperboy.Tests.Support;

/// <summary>The database engines every storage test runs on.</summary>
public enum Engine { Sqlite, Postgres }

/// <summary>
/// A fresh, empty, migrated database for one test, on SQLite (a temporary data folder) or PostgreSQL (a new
/// database on the server named by PAPERBOY_TEST_POSTGRES, which ./test.sh starts). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PAPERBOY_TEST_POSTGRES";

    /// <summary>Both engines, for <c>[Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]</c>.</summary>
    public static TheoryData<Engine> Engines => new(Engine.Sqlite, Engine.Postgres);

    public Engine Engine { get; }
    public DataFolder Data { get; }
    public DatabaseOptions Options { get; }
    private readonly string? _adminConnection;
    private readonly string? _databaseName;

    private TestDatabase(Engine engine, DataFolder data, DatabaseOptions options, string? admin, string? name)
    {
        Engine = engine; Data = data; Options = options; _adminConnection = admin; _databaseName = name;
    }

    /// <summary>Creates and migrates the database; skips the test when PostgreSQL is asked for but not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(Engine engine)
    {
        var data = new DataFolder(Directory.CreateTempSubdirectory("paperboy-test-").FullName);
        TestDatabase db;
        if (engine == Engine.Sqlite)
        {
            db = new TestDatabase(engine, data, new DatabaseOptions(), null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
                Assert.Skip($"PostgreSQL is not configured: set {PostgresVariable} (./test.sh starts a server and sets it)");
            var name = "pb_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            db = new TestDatabase(engine, data, new DatabaseOptions { ConnectionString = cs }, admin, name);
        }
        await using (var ctx = db.CreateContext()) await DataServices.MigrateAsync(ctx);
        return db;
    }

    public AppDbContext CreateContext() => DataServices.CreateContext(Data, Options);

    /// <summary>Command-line arguments that point a <c>paperboy</c> process at this database.</summary>
    public string[] CliArgs => Options.UsePostgres
        ? ["--data", Data.Path, "--database", Options.ConnectionString!]
        : ["--data", Data.Path];

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_adminConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Data.Path, recursive: true); } catch (IOException) { }
    }
}
