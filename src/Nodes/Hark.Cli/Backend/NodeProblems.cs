using System.Net;
using System.Text.Json;
using Hark.Engine.Segments;
using Hark.Node.Api;
using Hark.Storage;

namespace Hark.Cli.Backend;

/// <summary>
/// A node's problem+json answer turned back into the exception the cluster threw for it (the inverse of the node's
/// ProblemMapping), so a command prints the same one-line error with --node as without it.
/// </summary>
internal static class NodeProblems
{
    /// <param name="keySent">Whether the request carried an API key: a 401 then means the key, not its absence.</param>
    public static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, string? id, bool keySent, CancellationToken ct)
    {
        var (detail, state, scope) = await ReadAsync(response, ct);
        if (detail is null)
        {
            // No problem body: not the API's answer (a proxy, a route this node does not have).
            return new NodeRequestException($"node answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest => new RequestRefusedException(detail),
            // Rebuilt from the id and state, the message is the cluster's own, word for word.
            HttpStatusCode.NotFound when id is not null => new RecordingNotFoundException(id, state),
            HttpStatusCode.Conflict when id is not null => new RecordingExistsException(id, state ?? RecordingPhase.Complete),
            HttpStatusCode.RequestedRangeNotSatisfiable => new SegmentRangeException(detail),
            HttpStatusCode.ServiceUnavailable => new NodeUnavailableException(detail),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => NodeRefusedException.For(response.StatusCode, detail, scope, keySent),
            _ => new NodeRequestException(detail),
        };
    }

    /// <summary>The problem's detail (its title when it has none), the recording state and the key scope it names, if any.</summary>
    private static async Task<(string? Detail, RecordingPhase? State, string? Scope)> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }
            string? detail = (root.TryGetProperty("detail", out var d) || root.TryGetProperty("title", out d)) && d.ValueKind == JsonValueKind.String
                ? d.GetString()?.ReplaceLineEndings(" ")
                : null;
            RecordingPhase? state = root.TryGetProperty(ProblemResponses.StateMember, out var s) && s.ValueKind == JsonValueKind.String &&
                Enum.TryParse<RecordingPhase>(s.GetString(), ignoreCase: true, out var phase)
                    ? phase
                    : null;
            string? scope = root.TryGetProperty(NodeRefusedException.ScopeMember, out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return (detail is { Length: > 0 } ? detail : null, state, scope);
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's page, say): the status line says enough.
            return (null, null, null);
        }
    }
}
