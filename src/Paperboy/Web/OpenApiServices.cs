using Microsoft.OpenApi;
using Paperboy.Community.Tokens;

namespace Paperboy.Web;

/// <summary>The API's OpenAPI document at <c>/openapi/v1.json</c>, built from the endpoints' own metadata.</summary>
public static class OpenApiServices
{
    public static IServiceCollection AddPaperboyOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            // Pages are HTML for people; the document describes the JSON API only.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Paperboy API",
                    Version = "v1",
                    Description = "Hugging Face-compatible daily papers, papers and search, plus writes by personal API token " +
                                  "(Authorization: Bearer). Reads are open to any origin; errors are RFC 9457 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["token"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "A personal API token from account settings, with the scopes the request needs.",
                    },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiScopeMetadata>().FirstOrDefault() is { } needs)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("token")] = [needs.Scope] }];
                    operation.Description = $"{operation.Description} Needs a token with the '{needs.Scope}' scope.".Trim();
                }
                return Task.CompletedTask;
            });
        });
}
