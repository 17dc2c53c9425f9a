using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Hark.Node.Security;

/// <summary>
/// The key headers in the OpenAPI description: a bearer scheme and an X-Api-Key scheme, either accepted, so a client
/// generated from /openapi.json knows where to put its key. Which scope a route needs its 401/403 responses show.
/// </summary>
public static class ApiKeyOpenApi
{
    private const string Bearer = "bearer";
    private const string HeaderKey = "apiKey";

    /// <summary>An open route (health, readiness) says so: an empty requirement list overrides the document's.</summary>
    public static void DescribeOpen(OpenApiOperation operation, IEnumerable<object> endpointMetadata)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (endpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
        }
    }

    public static void Describe(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer KEY (HARK_API_KEYS): a read key, or a write key for the routes that change the archive.",
        };
        document.Components.SecuritySchemes[HeaderKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeaders.ApiKey,
            Description = "The same key in X-Api-Key instead.",
        };
        // Either scheme satisfies the node: two alternatives, not one requirement naming both.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderKey, document)] = [] },
        ];
    }
}
