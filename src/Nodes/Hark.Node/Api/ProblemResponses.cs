using Hark.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hark.Node.Api;

/// <summary>Writes RFC 7807 problem+json answers, the one error shape of the API.</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>What every 503 tells a client to wait before asking again: membership settles and busy reads end in
    /// seconds, so ask again soon, not never.</summary>
    public const string RetryAfterSeconds = "2";

    /// <summary>
    /// The extension member naming the state of a recording that exists but cannot be read or replaced: with it a
    /// client rebuilds the exception the cluster threw (and so prints the same message).
    /// </summary>
    public const string StateMember = "state";

    /// <summary>The extension member naming a failure in the node's log.</summary>
    public const string TraceIdMember = "trace_id";

    public static IResult Problem(int status, string title, string detail, string? state = null) =>
        Problem(status, title, detail, state is null ? [] : [new(StateMember, state)]);

    /// <param name="members">Extension members a client reads back (a recording's state, the scope a route needs).</param>
    public static IResult Problem(int status, string title, string detail, IEnumerable<KeyValuePair<string, string>> members)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
        };
        foreach (var (name, value) in members)
        {
            problem.Extensions[name] = value;
        }
        return Results.Problem(problem);
    }

    /// <param name="traceId">Names the failure in the node's log: a 500 says only that, never the exception's text,
    /// which may hold paths, keys or internals a caller has no business seeing.</param>
    public static IResult For(Exception error, string traceId)
    {
        var (status, title) = ProblemMapping.For(error);
        if (error is CorruptRecordingException)
        {
            // Our own words naming the recording and what is damaged (hark verify says the same): an operator needs them.
            return Problem(status, title, error.Message, [new(TraceIdMember, traceId)]);
        }
        if (status == StatusCodes.Status500InternalServerError)
        {
            return Problem(status, title, $"the node could not answer; its log names the cause under trace id {traceId}");
        }
        var state = error switch
        {
            RecordingNotFoundException { State: { } phase } => phase.Name(),
            RecordingExistsException exists => exists.State.Name(),
            _ => null,
        };
        return Problem(status, title, error.Message.ReplaceLineEndings(" ").Trim(), state);
    }
}
