using Microsoft.Extensions.Options;

namespace Paperboy.Community.Trending;

public static class TrendingServices
{
    public static IServiceCollection AddPaperboyTrending(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<TrendingOptions>().Bind(config.GetSection(TrendingOptions.Section))
            .Validate(o => o.BatchSize > 0, "Paperboy:Trending:BatchSize must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TrendingOptions>>().Value);
        // One instance, both the hosted job and what a caller (a test, the demo) asks for to refresh at once.
        services.AddSingleton<TrendingRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<TrendingRefresher>());
        return services;
    }
}
