using Microsoft.Extensions.Options;

namespace Paperboy.Import.OaiPmh;

public static class HarvestServices
{
    /// <summary>The scheduled harvest (off unless <c>Paperboy:Harvest:EveryMinutes</c> is set).</summary>
    public static IServiceCollection AddPaperboyHarvest(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ScheduledHarvestOptions>().Bind(config.GetSection(ScheduledHarvestOptions.Section))
            .Validate(o => !o.Enabled || o.For(DateOnly.MinValue.AddYears(2000)).Validate() is null,
                "Paperboy:Harvest: Url must be an http(s) URL, Prefix one of arXiv, arXivRaw, oai_dc, DelaySeconds 0 or more")
            .Validate(o => o.Days is >= 0 and <= 3650, "Paperboy:Harvest:Days must be 0..3650")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ScheduledHarvestOptions>>().Value);
        services.AddSingleton<HarvestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<HarvestWorker>());
        return services;
    }
}
