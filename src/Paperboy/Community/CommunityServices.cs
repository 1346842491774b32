using Paperboy.Community.Votes;

namespace Paperboy.Community;

public static class CommunityServices
{
    public static IServiceCollection AddPaperboyCommunity(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<VoteService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder app) => app;
}
