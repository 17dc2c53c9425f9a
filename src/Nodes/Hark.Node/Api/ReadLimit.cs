using System.Threading.RateLimiting;
using Hark.Actors.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Node.Api;

/// <summary>
/// The node's declared limit on audio reads (segments and exports): <see cref="NodeOptions.MaxConcurrentReads"/> at
/// once, as many more waiting their turn, oldest first; any beyond are answered 503 with Retry-After at once, so an
/// overloaded node says so instead of letting every answer slow down until clients time out.
/// </summary>
public static class ReadLimit
{
    public const string Policy = "audio-reads";

    public static void Add(IServiceCollection services, NodeOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddConcurrencyLimiter(Policy, concurrency =>
            {
                concurrency.PermitLimit = options.MaxConcurrentReads;
                concurrency.QueueLimit = options.MaxConcurrentReads;
                concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = ProblemResponses.RetryAfterSeconds;
                return new ValueTask(ProblemResponses.Problem(StatusCodes.Status503ServiceUnavailable, "Too many reads",
                    $"this node serves at most {options.MaxConcurrentReads} audio reads at once with as many waiting; ask again after the Retry-After, or another node")
                    .ExecuteAsync(http));
            };
        });

    /// <summary>The routes the limit covers.</summary>
    public static RouteHandlerBuilder Limited(this RouteHandlerBuilder route) =>
        route.RequireRateLimiting(Policy).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
