using Paperboy.Community.Collections;
using Paperboy.Community.Comments;
using Paperboy.Community.Moderation;
using Paperboy.Community.Submissions;
using Paperboy.Community.Trending;
using Paperboy.Community.Votes;

namespace Paperboy.Community;

public static class CommunityServices
{
    public static IServiceCollection AddPaperboyCommunity(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<VoteService>();
        services.AddSingleton<CommentMarkdown>();
        services.AddScoped<CommentService>();
        services.AddScoped<Discussions>();
        services.AddScoped<ModerationService>();
        services.AddPaperboySubmissions(config);
        services.AddScoped<CollectionService>();
        services.AddPaperboyTrending(config);
        return services;
    }

    /// <summary>The community's JSON API; its pages are Razor pages, found by their folders.</summary>
    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder app) => app
        .MapVotesApi()
        .MapSubmissionsApi()
        .MapCommentsApi();
}
