using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Paperboy.Community.Tokens;
using Paperboy.Web;

namespace Paperboy.About;

/// <summary>
/// <c>/about/api</c>: the API for people. The table of endpoints is read from the routes themselves (their
/// methods, summaries and scopes), so it lists exactly what the server answers, as the OpenAPI document does.
/// </summary>
public sealed class ApiModel(EndpointDataSource endpoints, IOptions<RateLimitOptions> limits) : PageModel
{
    public sealed record Endpoint(string Method, string Path, string Summary, string? Description, string? Scope);

    public IReadOnlyList<Endpoint> Endpoints { get; private set; } = [];
    public RateLimitOptions Limits => limits.Value;
    public string BaseUrl { get; private set; } = "";

    public void OnGet()
    {
        BaseUrl = $"{Request.Scheme}://{Request.Host}";
        Endpoints = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Endpoint(
                m,
                "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{**", "{", StringComparison.Ordinal),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>()?.Summary ?? "",
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IEndpointDescriptionMetadata>()?.Description,
                e.Metadata.GetMetadata<ApiScopeMetadata>()?.Scope)))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
    }
}
