using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Paperboy.Digests;

public static class DigestServices
{
    /// <summary>
    /// Composing digests. The content source is one per process: it shares each period's work between all of that
    /// period's subscribers. Picks "for you" stay empty until a recommender registers its own <see cref="IForYouPicks"/>.
    /// </summary>
    public static IServiceCollection AddPaperboyDigests(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<DigestContentSource>();
        services.AddSingleton<DigestComposer>();
        services.TryAddSingleton<IForYouPicks, NoForYouPicks>();
        return services;
    }
}
