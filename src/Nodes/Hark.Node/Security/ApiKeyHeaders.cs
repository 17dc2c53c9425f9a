using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Hark.Node.Security;

/// <summary>Where a client puts its key: <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>.</summary>
public static class ApiKeyHeaders
{
    public const string ApiKey = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    /// <summary>The key the request presents, or null when it presents none.</summary>
    public static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }
        var apiKey = request.Headers[ApiKey].ToString().Trim();
        return apiKey.Length > 0 ? apiKey : null;
    }
}
