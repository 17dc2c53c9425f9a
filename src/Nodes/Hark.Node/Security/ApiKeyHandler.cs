using System.Security.Claims;
using System.Text.Encodings.Web;
using Hark.Node.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hark.Node.Security;

/// <summary>
/// ASP.NET Core authentication by API key: a known key becomes a user holding the <see cref="ApiPolicies.ScopeClaim"/>s
/// its scope grants; the policies of <see cref="ApiPolicies"/> decide. The refusals are the API's problem+json: 401
/// (no key, or one the node does not know) with <c>WWW-Authenticate: Bearer</c>, and 403 (a read key on a write route).
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The problem member naming the scope the route needs, so a client can say which key to give.</summary>
    public const string ScopeMember = "scope";

    private const string KeyHeaders = "Authorization: Bearer KEY or X-Api-Key: KEY";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsEmpty || ApiKeyHeaders.Presented(Request) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (keys.Find(presented) is not { } scope)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }
        var claims = new List<Claim> { new(ApiPolicies.ScopeClaim, ApiPolicies.Read) };
        if (scope == Hark.Actors.Contracts.ApiScope.Write)
        {
            claims.Add(new Claim(ApiPolicies.ScopeClaim, ApiPolicies.Write));
        }
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var authentication = await HandleAuthenticateOnceSafeAsync();
        var scope = NeededScope();
        var detail = authentication.Failure is not null
            ? "the API key given is not one this node accepts"
            : $"{Context.Request.Method} {Context.Request.Path} needs a {scope} key: send it as {KeyHeaders}";
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await WriteAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail, scope);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "Forbidden",
            $"{Context.Request.Method} {Context.Request.Path} changes the archive: it needs a {NeededScope()} key, and this key only reads",
            NeededScope());

    private Task WriteAsync(int status, string title, string detail, string scope) =>
        ProblemResponses.Problem(status, title, detail, [new(ScopeMember, scope)]).ExecuteAsync(Context);

    /// <summary>The strongest scope the matched route asks for; a route that names none falls back to read.</summary>
    private string NeededScope() =>
        Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == ApiPolicies.Write) == true
            ? ApiPolicies.Write
            : ApiPolicies.Read;
}
