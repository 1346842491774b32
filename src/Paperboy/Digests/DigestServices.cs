using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Paperboy.Digests;

public static class DigestServices
{
    /// <summary>
    /// Subscriptions, the outbox, its scheduler and sender, and the worker that runs them on schedule; composing
    /// digests. The content source is one per process: it shares each period's work between all of that
    /// period's subscribers. Picks "for you" stay empty until a recommender registers its own <see cref="IForYouPicks"/>.
    /// </summary>
    public static IServiceCollection AddPaperboyDigests(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DigestOptions>().Bind(config.GetSection(DigestOptions.Section))
            .Validate(o => o.CheckSeconds >= 1, "Paperboy:Digests:CheckSeconds must be at least 1")
            .Validate(o => o.MaxAttempts >= 1, "Paperboy:Digests:MaxAttempts must be at least 1")
            .Validate(o => o.FirstRetrySeconds >= 1 && o.MaxRetryMinutes >= 1, "Paperboy:Digests retry delays must be positive")
            .Validate(o => o.BounceLimit >= 1, "Paperboy:Digests:BounceLimit must be at least 1")
            .Validate(o => o.ClaimSeconds >= 1, "Paperboy:Digests:ClaimSeconds must be at least 1")
            .Validate(o => o.Parallelism is >= 1 and <= 64, "Paperboy:Digests:Parallelism must be 1..64")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DigestOptions>>().Value);
        services.AddSingleton<SubscriptionLinks>();
        services.AddScoped<DigestSubscriptions>();
        services.AddScoped<DigestScheduler>();
        services.AddScoped<DigestSender>();
        services.AddSingleton<DigestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestWorker>());
        services.AddSingleton<DigestContentSource>();
        services.AddSingleton<DigestComposer>();
        services.TryAddSingleton<IForYouPicks, NoForYouPicks>();
        return services;
    }
}
