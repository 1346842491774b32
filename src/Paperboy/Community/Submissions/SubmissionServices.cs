using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Paperboy.Community.Submissions;

public static class SubmissionServices
{
    public static IServiceCollection AddPaperboySubmissions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SubmissionOptions>().Bind(config.GetSection(SubmissionOptions.Section))
            .Validate(o => o.MaxAgeDays >= 0, "Paperboy:Submissions:MaxAgeDays must be zero or more")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SubmissionOptions>>().Value);
        services.AddOptions<ArxivApiOptions>().Bind(config.GetSection(ArxivApiOptions.Section))
            .Validate(o => Uri.TryCreate(o.ApiUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Paperboy:Arxiv:ApiUrl must be an absolute http(s) URL")
            .Validate(o => o.TimeoutSeconds > 0, "Paperboy:Arxiv:TimeoutSeconds must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ArxivApiOptions>>().Value);
        services.AddHttpClient<ArxivApiClient>((sp, http) =>
        {
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<ArxivApiOptions>().TimeoutSeconds);
            var version = typeof(ArxivApiClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("paperboy", version));
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("(paper submissions)"));
        });
        services.AddScoped<SubmissionService>();
        return services;
    }
}
