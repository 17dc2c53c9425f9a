using System.Net;
using Hark.Node.Security;

namespace Hark.Cli.Backend;

/// <summary>
/// A node answered 401 or 403: no key, a key it does not know, a read key where a write key is needed, or a source
/// outside its import roots. The message is the one line a user needs: what to give, and where.
/// </summary>
internal sealed class NodeRefusedException(string message) : Exception(message)
{
    /// <summary>The node's problem member naming the scope the route needs (absent on an import-roots refusal).</summary>
    public const string ScopeMember = ApiKeyHandler.ScopeMember;

    private const string Where = $"(--api-key or {NodeOption.ApiKeyVariable})";

    public static NodeRefusedException For(HttpStatusCode status, string detail, string? scope, bool keySent) => new(
        (status, scope) switch
        {
            (HttpStatusCode.Unauthorized, _) when keySent => $"the node refused the request: it does not accept this API key {Where}",
            (_, { } needed) => $"the node refused the request: a {needed} key is needed {Where}",
            _ => $"the node refused the request: {detail}",
        });
}
