using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Community.Tokens;

namespace Paperboy.Web;

/// <summary>Section <c>Paperboy:RateLimits</c>: how many of each write one member (or one address) may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Paperboy:RateLimits";

    public Limit SignIn { get; set; } = new(10, 60);
    public Limit SignUp { get; set; } = new(5, 3600);
    public Limit Votes { get; set; } = new(120, 60);
    public Limit Comments { get; set; } = new(10, 60);
    public Limit Submissions { get; set; } = new(20, 3600);
    public Limit Subscribe { get; set; } = new(5, 3600);
    public Limit Other { get; set; } = new(60, 60);

    /// <summary>Every GET of the API and the feeds, per token or per address: room for a tool paging through every paper.</summary>
    public Limit ApiReads { get; set; } = new(1200, 60);

    public sealed class Limit
    {
        public Limit() { }
        public Limit(int permits, int windowSeconds) { Permits = permits; WindowSeconds = windowSeconds; }
        public int Permits { get; set; }
        public int WindowSeconds { get; set; }
    }
}

/// <summary>
/// Rate limits on every write: a fixed window per signed-in member, or per client address when anonymous.
/// A refused request gets 429 with Retry-After and a sentence saying when to try again.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Votes = "votes";
    public const string Comments = "comments";
    public const string Submissions = "submissions";
    public const string Subscribe = "subscribe";
    public const string Other = "writes";

    public static IServiceCollection AddPaperboyRateLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RateLimitOptions>().Bind(config.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(_ => { });
        // Configured when first needed, so that configuration added after this call (tests, hosts) still counts.
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((r, limits) =>
        {
            var o = limits.Value;
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            Add(r, SignIn, o.SignIn);
            Add(r, SignUp, o.SignUp);
            Add(r, Votes, o.Votes);
            Add(r, Comments, o.Comments);
            Add(r, Submissions, o.Submissions);
            Add(r, Subscribe, o.Subscribe);
            Add(r, Other, o.Other);
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsPublicRead(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("read:" + ReadPartitionKey(http), _ => Window(o.ApiReads))
                : RateLimitPartition.GetNoLimiter(""));
            r.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds))
                    : 60;
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var message = $"Too many requests: please wait {seconds} seconds and try again.";
                if (WantsJson(context.HttpContext.Request))
                    await Results.Problem(message, statusCode: 429, title: "Too many requests").ExecuteAsync(context.HttpContext);
                else
                {
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync(message, ct);
                }
            };
        });
        return services;
    }

    private static void Add(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions r, string name, RateLimitOptions.Limit limit) =>
        r.AddPolicy(name, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            // Pages carry their form's limit; only the write counts, not showing the form.
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => Window(limit)));

    private static FixedWindowRateLimiterOptions Window(RateLimitOptions.Limit limit) => new()
    {
        PermitLimit = limit.Permits,
        Window = TimeSpan.FromSeconds(limit.WindowSeconds),
        QueueLimit = 0,
    };

    /// <summary>
    /// Writes are limited per member, however they are made (pages, or any of the member's tokens, so that more
    /// tokens never buy more writes); anyone else by address. An unknown token authenticates nobody, so it counts
    /// against its address.
    /// </summary>
    private static string PartitionKey(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id
        : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local");

    /// <summary>Reads are limited per token, so one member's tools do not starve each other, else like writes.</summary>
    private static string ReadPartitionKey(HttpContext http) =>
        ApiTokenAuthentication.TokenId(http.User) is { } token ? "token:" + token.ToString(CultureInfo.InvariantCulture)
        : PartitionKey(http);

    /// <summary>Reads anyone may make from anywhere: the API's and the feeds' GETs (CORS is open for them too).</summary>
    public static bool IsPublicRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) &&
        (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/feeds"));

    public static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") ||
        request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
}
