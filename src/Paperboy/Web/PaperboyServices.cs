using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Paperboy.Community;
using Microsoft.AspNetCore.DataProtection;
using Paperboy.Community.Accounts;
using Paperboy.Community.Tokens;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Recommendations;
using Paperboy.Exports;
using Paperboy.Import.OaiPmh;
using Paperboy.Mail;
using Paperboy.Operations;
using Paperboy.Papers;
using Paperboy.Search;
using Paperboy.Syndication;

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
        services.AddPaperboyMail(config);
        services.AddPaperboyAccounts(config);
        services.AddPaperboyApiTokens();
        // Keys in the database: sign-ins and forms outlive a restart and work on every node.
        services.AddDataProtection().SetApplicationName("Paperboy").PersistKeysToDbContext<AppDbContext>();
        services.AddPaperboyRateLimits(config);
        services.AddPaperboyCommunity(config);
        services.AddPaperboySearch(config);
        services.AddPaperboyRecommendations(config);
        services.AddPaperboyDigests(config);
        services.AddPaperboyHarvest(config);
        services.AddPaperboyOperations(config);
        services.AddRazorPages(o => o.RootDirectory = "/");
        // Pages write names like "Kovač" as they are; <, >, & and quotes are still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddExceptionHandler<StorageErrors.Logger>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.Exception is { } e && StorageErrors.Reason(e) is not null)
                (c.ProblemDetails.Title, c.ProblemDetails.Detail) = StorageErrors.Wording(c.HttpContext.Request);
        });
        // Anyone's page may read the API and the feeds (they are public); writes take a token and no CORS.
        services.AddCors(o => o.AddPolicy(PublicReadPolicy, b => b.AllowAnyOrigin().WithMethods("GET", "HEAD")
            .WithHeaders("Authorization", "If-None-Match", "If-Modified-Since")
            .WithExposedHeaders("ETag", "Last-Modified", "Link", "Retry-After", Search.SearchApi.ModeHeader)));
        services.AddPaperboyOpenApi();
        services.AddSingleton<FeedResponseCache>();
        services.AddSingleton<PaperCursor>();
        // Feed pages, like the feed API, may be a few seconds old (see FeedResponseCache for why that is safe).
        // The output cache never stores a response to a signed-in request or one that sets a cookie.
        // Every query key a feed page reads is one the cache varies by, so ?sort=newest is never served ?sort=trending.
        services.AddOutputCache(o => o.AddPolicy(FeedPagePolicy, b => b.Expire(FeedResponseCache.Ttl).SetVaryByQuery(FeedRequest.QueryKeys)));
        return services;
    }

    /// <summary>Every feature's routes, in one place to read top to bottom.</summary>
    public static WebApplication MapPaperboy(this WebApplication app)
    {
        // The API answers errors with ProblemDetails JSON, the site with its error pages; neither shows an exception.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StorageErrors.StatusCode });
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !IsApi(c), site =>
        {
            site.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = StorageErrors.StatusCode });
            site.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseStaticFiles();
        app.UseWhen(c => RateLimits.IsPublicRead(c.Request), read => read.UseCors(PublicReadPolicy));
        // Routing after the error handlers, so that their re-execution (/error/404) is routed again.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // After authentication: the output cache skips signed-in requests, whose pages show their own votes.
        app.UseOutputCache();
        app.UseMiddleware<ConditionalGet>();
        app.MapPaperboyOperations();
        app.MapGet("/", () => TypedResults.Redirect("/papers"));
        app.MapPapersApi();
        app.MapSearchApi();
        app.MapSyndication();
        app.MapOpenApi();
        app.MapCommunity();
        app.MapForYouApi();
        app.MapInterestsApi();
        app.MapExports();
        app.MapRazorPages();
        return app;
    }

    public const string FeedPagePolicy = "feed-page";
    public const string PublicReadPolicy = "public-read";

    /// <summary>Machine-read addresses, whose errors are ProblemDetails rather than pages.</summary>
    private static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/feeds");

    private static bool TryZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (TimeZoneNotFoundException) { return false; }
    }
}
