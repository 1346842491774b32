using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Paperboy.Data;
using Paperboy.Search.Indexing;

namespace Paperboy.Operations;

/// <summary>Observing a running site: liveness, readiness, metrics, and what the status page reads.</summary>
public static class OperationsServices
{
    public static IServiceCollection AddPaperboyOperations(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<JobRuns>();
        services.AddSingleton<Leases.JobLeases>();
        services.AddHealthChecks().AddReadinessChecks();
        services.AddOptions<MetricsOptions>().Bind(config.GetSection(MetricsOptions.Section));
        var metrics = config.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (metrics.Enabled)
            services.AddOpenTelemetry().WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PaperboyMetrics.MeterName)
                // Every scrape collects afresh: a cached answer would hide what happened since the last one.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static WebApplication MapPaperboyOperations(this WebApplication app)
    {
        // Liveness: no check at all, so it answers 200 while the process serves requests.
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (c, _) => c.Response.WriteAsync("ok"),
        });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadinessChecks.Tag),
            ResponseWriter = WriteReadinessAsync,
        });
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
            app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: metrics => metrics.Use(async (context, next) =>
            {
                if (!context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.Allows(context))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync("The metrics are served to local requests, or with the configured token (Paperboy:Metrics:Token).\n");
                    return;
                }
                await PublishFiguresAsync(context);
                await next(context);
            }), optionsName: null);
        return app;
    }

    /// <summary>Takes the figures the gauges report, just before the exporter reads them.</summary>
    private static async Task PublishFiguresAsync(HttpContext context)
    {
        var services = context.RequestServices;
        try
        {
            PaperboyMetrics.Publish(await SiteFigures.ReadAsync(services.GetRequiredService<AppDbContext>(),
                services.GetRequiredService<SearchIndexes>(), services.GetRequiredService<TimeProvider>(), context.RequestAborted));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The rest of the metrics (requests, runtime, counters) are worth serving without the database's figures.
            services.GetRequiredService<ILogger<SiteFigures>>().LogWarning(e, "Metrics: the site's figures could not be read");
        }
    }

    /// <summary><c>{"status": "unhealthy", "checks": [{"name": "search-index", "status": "unhealthy", "reason": "..."}]}</c></summary>
    private static async Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", Word(report.Status));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", Word(entry.Status));
            json.WriteString("reason", entry.Description ?? (entry.Exception is { } e ? $"failed ({e.GetType().Name})" : ""));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Word(HealthStatus status) => status.ToString().ToLowerInvariant();
}
