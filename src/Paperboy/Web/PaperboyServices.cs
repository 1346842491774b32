using Microsoft.Extensions.Options;
using Paperboy.Data;

namespace Paperboy.Web;

public static class PaperboyServices
{
    /// <summary>Every feature's services. Each feature adds its own options and services here.</summary>
    public static IServiceCollection AddPaperboy(this IServiceCollection services, IConfiguration config,
        DataFolder data, DatabaseOptions database)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPaperboyData(data, database);
        services.AddOptions<SiteOptions>().Bind(config.GetSection(SiteOptions.Section))
            .Validate(o => TryZone(o.TimeZone), "Paperboy:Site:TimeZone is not a known IANA time zone")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiteOptions>>().Value);
        services.AddRazorPages(o => o.RootDirectory = "/");
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Every feature's routes, in one place to read top to bottom.</summary>
    public static WebApplication MapPaperboy(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapRazorPages();
        return app;
    }

    private static bool TryZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (TimeZoneNotFoundException) { return false; }
    }
}
