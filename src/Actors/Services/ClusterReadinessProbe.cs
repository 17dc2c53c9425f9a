using Akka.Actor;
using Akka.Cluster;
using Hark.Actors.Contracts;

namespace Hark.Actors.Services;

/// <summary>Ready once this node is an Up member of the cluster; the detail says how many members are up.</summary>
public sealed class ClusterReadinessProbe(ActorSystem system) : IReadinessProbe
{
    public Task<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        int up = state.Members.Count(m => m.Status == MemberStatus.Up);
        var self = cluster.SelfMember;
        var readiness = self.Status == MemberStatus.Up
            ? new Readiness(true, $"member of {system.Name}, {up} node{(up == 1 ? "" : "s")} up")
            : new Readiness(false, $"{self.Status.ToString().ToLowerInvariant()}: not yet an up member of {system.Name} ({up} up)");
        return Task.FromResult(readiness);
    }
}
