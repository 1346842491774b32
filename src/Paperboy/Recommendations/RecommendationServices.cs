using Microsoft.Extensions.Options;
using Paperboy.Digests;

namespace Paperboy.Recommendations;

public static class RecommendationServices
{
    /// <summary>The recommender and the digest's "for you" picks it fills.</summary>
    public static IServiceCollection AddPaperboyRecommendations(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RecommendationOptions>().Bind(config.GetSection(RecommendationOptions.Section))
            .Validate(o => o.BackgroundPapers is >= 100 and <= 100_000, "Paperboy:Recommendations:BackgroundPapers must be 100..100000")
            .Validate(o => o.KeepMinutes > 0, "Paperboy:Recommendations:KeepMinutes must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RecommendationOptions>>().Value);
        services.AddSingleton<Recommender>();
        services.AddSingleton<IForYouPicks, DigestForYouPicks>();
        return services;
    }
}
