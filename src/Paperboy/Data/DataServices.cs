using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Paperboy.Data;

public static class DataServices
{
    /// <summary>Registers <see cref="AppDbContext"/> on SQLite (the data folder) or PostgreSQL (a connection string).</summary>
    public static IServiceCollection AddPaperboyData(this IServiceCollection services, DataFolder data, DatabaseOptions db)
    {
        services.AddSingleton(data);
        services.AddSingleton(db);
        if (db.UsePostgres)
        {
            services.AddDbContextPool<AppDbContext, PostgresDbContext>(o => ConfigurePostgres(o, db.ConnectionString!));
        }
        else
        {
            Directory.CreateDirectory(data.Path);
            var cs = SqliteConnectionString(data);
            services.AddDbContextPool<AppDbContext, SqliteDbContext>(o => ConfigureSqlite(o, cs));
        }
        return services;
    }

    public static string SqliteConnectionString(DataFolder data) => new SqliteConnectionStringBuilder
    {
        DataSource = data.SqliteFile,
        Pooling = true,
        // Seconds a writer waits for another writer's lock before SQLITE_BUSY.
        DefaultTimeout = 30,
    }.ToString();

    public static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(SqliteDbContext).Assembly.FullName))
         .AddInterceptors(SqlitePragmas.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString, n => n.EnableRetryOnFailure(5));

    /// <summary>Creates a context outside dependency injection (CLI verbs, tests).</summary>
    public static AppDbContext CreateContext(DataFolder data, DatabaseOptions db)
    {
        if (db.UsePostgres)
        {
            var b = new DbContextOptionsBuilder<PostgresDbContext>();
            ConfigurePostgres(b, db.ConnectionString!);
            return new PostgresDbContext(b.Options);
        }
        Directory.CreateDirectory(data.Path);
        var s = new DbContextOptionsBuilder<SqliteDbContext>();
        ConfigureSqlite(s, SqliteConnectionString(data));
        return new SqliteDbContext(s.Options);
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to write-ahead logging once.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

/// <summary>
/// Per-connection SQLite settings. WAL lets readers run beside the one writer; synchronous=NORMAL is safe
/// under WAL (a power cut may lose the last commits, never corrupt the file); foreign keys are off by default.
/// The settings live as long as the native connection, which the driver's pool keeps across opens, so they
/// are applied once per native connection rather than before every query.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && Applied.TryGetValue(handle, out _)) return;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";
            cmd.ExecuteNonQuery();
        }
        if (handle is not null) Applied.AddOrUpdate(handle, Applied);
    }
}
