using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Paperboy.Community.Accounts;

namespace Paperboy.Community.Tokens;

/// <summary>
/// <c>Authorization: Bearer pb_...</c>. A request that carries the header is authenticated by its token alone,
/// never by the cookie beside it; any other request by the sign-in cookie. Choosing before the rate limiter runs
/// means a token's requests count against that token, and an unknown token counts against its address.
/// Tokens count only under /api and /feeds; everywhere else goes by the cookie. Pages' forms are guarded by
/// antiforgery tokens that a token holder could fetch with a GET, so a token accepted there would pass every page's
/// checks and escape its scopes (a "feed" token could change the account's email address or make itself a token
/// with every scope). A list of where tokens work, rather than of where they do not, keeps new pages safe.
/// </summary>
public static class ApiTokenAuthentication
{
    public const string Scheme = "ApiToken";
    public const string SelectorScheme = "CookieOrToken";
    public const string TokenIdClaim = "paperboy:token";
    public const string ScopeClaim = "paperboy:scope";

    public static IServiceCollection AddPaperboyApiTokens(this IServiceCollection services)
    {
        services.AddScoped<ApiTokenService>();
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
                o.DefaultForbidScheme = SelectorScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Scheme, null)
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = c =>
                BearerSecret(c.Request) is null || !TakesTokens(c.Request) ? IdentityConstants.ApplicationScheme : Scheme);
        return services;
    }

    /// <summary>The secret after "Bearer ", or null when the request has no bearer header.</summary>
    public static string? BearerSecret(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    /// <summary>The token a request was authenticated by, or null for a cookie or anonymous request.</summary>
    public static long? TokenId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(TokenIdClaim), out var id) ? id : null;

    public static bool HasScope(ClaimsPrincipal user, string scope) => user.HasClaim(ScopeClaim, scope);

    private static bool TakesTokens(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/feeds");
}

/// <summary>Checks a bearer token; on refusal answers 401 with ProblemDetails saying whether it was unknown, revoked or expired.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiTokenService tokens, UserManager<User> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private string _refusal = "This request needs an API token: send 'Authorization: Bearer <token>'.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ApiTokenAuthentication.BearerSecret(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        var (token, refusal) = await tokens.CheckAsync(secret, Context.RequestAborted);
        if (token is null)
        {
            _refusal = refusal switch
            {
                TokenRefusal.Revoked => "This API token was revoked.",
                TokenRefusal.Expired => "This API token has expired.",
                _ => "This API token is not known.",
            };
            return AuthenticateResult.Fail(_refusal);
        }
        var user = await users.FindByIdAsync(token.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return AuthenticateResult.Fail(_refusal = "This API token's account no longer exists.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName ?? ""),
            new(ApiTokenAuthentication.TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(token.Scopes.Select(s => new Claim(ApiTokenAuthentication.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokenAuthentication.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750 §3.1: a request that sent no token gets no error code, only the scheme to use.
        Response.Headers.WWWAuthenticate = ApiTokenAuthentication.BearerSecret(Request) is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Results.Problem(_refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem("This API token may not do that.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
            .ExecuteAsync(Context);
}
