using Microsoft.AspNetCore.Authentication;

namespace Paperboy.Community.Tokens;

/// <summary>
/// API writes are made with a token only: a browser's cookie never reaches them, so they need no CSRF token and a
/// cross-site page cannot make them. 401 when the token is missing or refused, 403 when it lacks the scope.
/// </summary>
public static class ApiScopeFilter
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiScopeMetadata(scope)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (ApiTokenAuthentication.TokenId(http.User) is null)
            {
                // Runs the token handler's challenge, which says why (none sent, unknown, revoked, expired).
                await http.ChallengeAsync(ApiTokenAuthentication.Scheme);
                return Results.Empty;
            }
            if (!ApiTokenAuthentication.HasScope(http.User, scope))
                return Results.Problem($"This API token lacks the '{scope}' scope, which this request needs.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            return await next(context);
        });
}

/// <summary>The scope an endpoint needs, for the OpenAPI document and the API page.</summary>
public sealed record ApiScopeMetadata(string Scope);
