using Hark.Actors.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hark.Node.Security;

/// <summary>
/// The authorization policies of the API, one per <see cref="ApiScope"/>: a route that changes the archive requires
/// <see cref="Write"/>, a route that reads it <see cref="Read"/> (also the fallback for any route that names neither).
/// </summary>
public static class ApiPolicies
{
    public const string Read = "read";
    public const string Write = "write";

    /// <summary>The claim an authenticated key carries once per scope it grants (a write key: read and write).</summary>
    public const string ScopeClaim = "hark_scope";

    public static string For(ApiScope scope) => scope == ApiScope.Write ? Write : Read;

    /// <summary>The route needs a key of this scope when keys are configured; its OpenAPI entry lists the refusals.</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, ApiScope scope)
    {
        builder.RequireAuthorization(For(scope)).ProducesProblem(StatusCodes.Status401Unauthorized);
        return scope == ApiScope.Write ? builder.ProducesProblem(StatusCodes.Status403Forbidden) : builder;
    }
}
