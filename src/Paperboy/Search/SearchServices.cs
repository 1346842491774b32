using Microsoft.Extensions.Options;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Indexing;

namespace Paperboy.Search;

public static class SearchServices
{
    public static IServiceCollection AddPaperboySearch(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SearchOptions>().Bind(config.GetSection(SearchOptions.Section))
            .Validate(o => EmbeddingModels.All.ContainsKey(o.Model), $"Paperboy:Search:Model must be one of: {string.Join(", ", EmbeddingModels.All.Keys)}")
            .Validate(o => o.EmbedBatchSize is > 0 and <= 1024, "Paperboy:Search:EmbedBatchSize must be 1..1024")
            .Validate(o => o.FusionK > 0, "Paperboy:Search:FusionK must be positive")
            .Validate(o => o.ApproximateVectorSearchFrom >= 1, "Paperboy:Search:ApproximateVectorSearchFrom must be 1 or more")
            .Validate(o => o.VectorGroupShare is > 0 and <= 1, "Paperboy:Search:VectorGroupShare must be above 0 and at most 1")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SearchOptions>>().Value);
        services.AddSingleton<SearchIndexes>();
        services.AddSingleton<SearchService>();
        services.AddMemoryCache();
        services.AddScoped<SimilarPapers>();
        // One instance each: the hosted job, and what a caller (a test, the demo) asks for to catch up at once.
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddSingleton<EmbeddingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddingWorker>());
        return services;
    }
}
