using Hark.Actors.Contracts;

namespace Hark.Node.Health;

/// <summary>The readiness of a node with no cluster to join: up as soon as it serves HTTP.</summary>
public sealed class AlwaysReady : IReadinessProbe
{
    public Task<Readiness> CheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new Readiness(true, "no cluster membership to wait for"));
}
