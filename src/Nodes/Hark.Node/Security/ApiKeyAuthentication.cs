using Hark.Actors.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Node.Security;

/// <summary>
/// Registers <see cref="ApiKeyHandler"/> and one policy per scope. With no keys configured every policy passes (the
/// node then serves loopback only); with keys, a route that names no policy needs a read key (the fallback policy),
/// so a route added later is closed until it says otherwise; the open ones (health, metrics, the dashboard's page)
/// say <c>AllowAnonymous</c>.
/// </summary>
public static class ApiKeyAuthentication
{
    public static void Add(IServiceCollection services, NodeOptions options)
    {
        bool open = options.ApiKeys.Count == 0;
        services.AddSingleton(new ApiKeyRing(options.ApiKeys));
        services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, configureOptions: null);
        services.AddAuthorization(authorization =>
        {
            var read = Policy(open, ApiPolicies.Read);
            authorization.AddPolicy(ApiPolicies.Read, read);
            authorization.AddPolicy(ApiPolicies.Write, Policy(open, ApiPolicies.Write));
            authorization.FallbackPolicy = read;
        });
    }

    private static AuthorizationPolicy Policy(bool open, string scope) =>
        new AuthorizationPolicyBuilder(ApiKeyHandler.SchemeName)
            .RequireAssertion(context => open || context.User.HasClaim(ApiPolicies.ScopeClaim, scope))
            .Build();
}
