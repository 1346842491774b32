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
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapPaperboy();
        return app;
    }

    /// <summary>Applies migrations before the first request.</summary>
    public static async Task MigrateAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DataServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
