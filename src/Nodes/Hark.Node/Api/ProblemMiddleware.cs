using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hark.Node.Api;

/// <summary>
/// Turns an exception thrown by an endpoint into problem+json with the status it means. Once a streamed answer
/// has started nothing can be said any more: the connection is aborted so the client sees a short body.
/// </summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception error)
        {
            var (status, _) = ProblemMapping.For(error);
            if (status >= 500)
            {
                logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            }
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            await ProblemResponses.For(error).ExecuteAsync(context);
        }
    }
}
