using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hark.Node.Api;

/// <summary>
/// Turns an exception thrown by an endpoint into problem+json with the status it means. Once a streamed answer
/// has started nothing can be said any more: the connection is aborted so the client sees a short body.
/// </summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null or 0
                && context.Response.ContentType is null)
            {
                // Refused by the framework before an endpoint ran (a body that is not JSON: 415, a route with no such
                // method: 405): still the API's one error shape.
                int status = context.Response.StatusCode;
                await ProblemResponses.Problem(status, ReasonPhrase(status), $"{context.Request.Method} {context.Request.Path}: {ReasonPhrase(status).ToLowerInvariant()}")
                    .ExecuteAsync(context);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception error)
        {
            var (status, _) = ProblemMapping.For(error);
            var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            if (status >= 500)
            {
                Hark.Actors.Telemetry.HarkTelemetry.ErrorCounter.Add(1, new KeyValuePair<string, object?>("kind", "http"));
                logger.LogError(error, "{Method} {Path} failed (trace {TraceId})", context.Request.Method, context.Request.Path, traceId);
            }
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                // Membership settles in seconds (a member downed, shards reallocated): ask again soon, not never.
                context.Response.Headers.RetryAfter = ProblemResponses.RetryAfterSeconds;
            }
            await ProblemResponses.For(error, traceId).ExecuteAsync(context);
        }
    }
}
