using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Web;

/// <summary>Builds the web application; <c>paperboy serve</c> and the tests both start it through here.</summary>
public static class WebApp
{
    public static WebApplication Build(string[] args, DataFolder data, DatabaseOptions database,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // Pages are found in the application's assembly, which is not the entry assembly under a test host.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        // The command line and environment decide the database; appsettings may also set it.
        var configured = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>();
        if (!database.UsePostgres && configured?.UsePostgres == true) database = configured;

        builder.Services.AddPaperboy(builder.Configuration, data, database);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout(builder.Configuration));
        configure?.Invoke(builder);
        var app = builder.Build();
        // The web root's file provider watches wwwroot (asp-append-version asks it to) with an inotify instance
        // that nothing else releases, and a user may own only 128 of them: a process that starts many sites (the
        // tests) would run out.
        app.Lifetime.ApplicationStopped.Register(() => DisposeAll(app.Environment.WebRootFileProvider));
        app.MapPaperboy();
        return app;
    }

    /// <summary>
    /// <c>Paperboy:ShutdownSeconds</c> (default 30): how long a stop (SIGTERM, Ctrl+C) waits for requests in flight and
    /// the background workers before the process ends regardless. A service manager's stop timeout should be longer.
    /// </summary>
    public static TimeSpan ShutdownTimeout(IConfiguration config)
    {
        var seconds = config.GetValue("Paperboy:ShutdownSeconds", 30.0);
        if (seconds is < 0 or > 3600) throw new InvalidOperationException($"Paperboy:ShutdownSeconds must be 0..3600 (not {seconds}).");
        return TimeSpan.FromSeconds(seconds);
    }

    private static void DisposeAll(Microsoft.Extensions.FileProviders.IFileProvider? provider)
    {
        if (provider is Microsoft.Extensions.FileProviders.CompositeFileProvider composite)
            foreach (var inner in composite.FileProviders) DisposeAll(inner);
        (provider as IDisposable)?.Dispose();
    }

    /// <summary>Applies migrations before the first request.</summary>
    public static async Task MigrateAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Only when there is something to do: even with nothing pending, EF takes its migration lock with a write,
        // and a site whose database has become read-only (a file's permissions, a filesystem remounted read-only)
        // must still start and serve reads; its writes then answer 503 (StorageErrors). A restored SQLite file
        // comes in rollback-journal mode and is switched to write-ahead logging here.
        if ((await db.Database.GetPendingMigrationsAsync()).Any() || !await IsWriteAheadOrServerAsync(db))
            await DataServices.MigrateAsync(db);
    }

    private static async Task<bool> IsWriteAheadOrServerAsync(AppDbContext db)
    {
        if (!db.Database.IsSqlite()) return true;
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode;";
            return string.Equals(await cmd.ExecuteScalarAsync() as string, "wal", StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
