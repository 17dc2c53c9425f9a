namespace Hark.Actors.Contracts;

/// <summary>Whether this node can serve requests now (cluster membership up); a node's /readyz asks it.</summary>
public interface IReadinessProbe
{
    Task<Readiness> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="Detail">What a person reading /readyz should know: "member of hark, 3 nodes up", "joining seeds ...".</param>
public sealed record Readiness(bool Ready, string Detail);
