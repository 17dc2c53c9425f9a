using Hark.Actors.Contracts;
using Hark.Node.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hark.Node.Health;

/// <summary>/healthz (the process answers) and /readyz (the node can serve: its probe says so, and its read path is
/// warm, see <see cref="ReadPathWarmup"/>); open with or without API keys, for orchestrators that probe without credentials.</summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new HealthAnswer("up", "the process answers")))
            .WithName("Health").WithTags("health").AllowAnonymous();
        app.MapGet("/readyz", async (IReadinessProbe probe, ReadPathWarmup warmup, CancellationToken ct) =>
        {
            var readiness = await probe.CheckAsync(ct);
            if (readiness.Ready && !warmup.IsDone)
            {
                readiness = new Readiness(false, $"warming the read path ({readiness.Detail})");
            }
            return readiness.Ready
                ? Results.Ok(new HealthAnswer("ready", readiness.Detail))
                : ProblemResponses.Problem(StatusCodes.Status503ServiceUnavailable, "Not ready", readiness.Detail);
        }).WithName("Readiness").WithTags("health").AllowAnonymous();
    }

    public sealed record HealthAnswer(string Status, string Detail);
}
