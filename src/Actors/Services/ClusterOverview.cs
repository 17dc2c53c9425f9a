using Akka.Actor;
using Akka.Cluster;
using Hark.Actors.Telemetry;
using Hark.Messages;

namespace Hark.Actors.Services;

/// <summary>
/// The cluster as one node sees it: its members from Akka.Cluster's state, and each reachable member's own report
/// asked of its <see cref="NodeMetricsActor"/> by address (no singleton: any node answers for all).
/// </summary>
public sealed class ClusterOverview(ActorSystem system)
{
    /// <summary>A member that has not answered by then is shown without its numbers rather than holding the page.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    public string SelfAddress => Cluster.Get(system).SelfAddress.ToString();

    public async Task<IReadOnlyList<ClusterMember>> MembersAsync(CancellationToken cancellationToken)
    {
        var reports = await ReportsAsync(long.MaxValue, cancellationToken);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return [.. Members().Select(m =>
        {
            var report = reports.GetValueOrDefault(m.Address.ToString());
            return new ClusterMember(m.Address.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)], StatusOf(m), m.Address == Cluster.Get(system).SelfAddress,
                report?.Version, report is null ? null : Math.Max(0, now - report.StartedUnixMs) / 1000.0, report?.Workers);
        })];
    }

    /// <summary>Every member's report with its samples after <paramref name="sinceUnixMs"/>; members that did not answer are left out.</summary>
    public async Task<IReadOnlyList<NodeMetricsReport>> MetricsAsync(long sinceUnixMs, CancellationToken cancellationToken) =>
        [.. (await ReportsAsync(sinceUnixMs, cancellationToken)).Values.OrderBy(r => r.Address, StringComparer.Ordinal)];

    private IEnumerable<Member> Members() => Cluster.Get(system).State.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal);

    private string StatusOf(Member member) =>
        Cluster.Get(system).State.Unreachable.Contains(member) ? "unreachable" : member.Status switch
        {
            MemberStatus.WeaklyUp => "weakly_up",
            var status => status.ToString().ToLowerInvariant(),
        };

    private async Task<Dictionary<string, NodeMetricsReport>> ReportsAsync(long sinceUnixMs, CancellationToken cancellationToken)
    {
        var unreachable = Cluster.Get(system).State.Unreachable;
        var asks = Members()
            .Where(m => !unreachable.Contains(m) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving or MemberStatus.Joining)
            .Select(m => AskAsync(m.Address, sinceUnixMs, cancellationToken))
            .ToList();
        var reports = await Task.WhenAll(asks);
        return reports.OfType<NodeMetricsReport>().ToDictionary(r => r.Address, StringComparer.Ordinal);
    }

    private async Task<NodeMetricsReport?> AskAsync(Address address, long sinceUnixMs, CancellationToken cancellationToken)
    {
        try
        {
            return await system.ActorSelection(new RootActorPath(address) / "user" / NodeMetricsActor.Name)
                .Ask<NodeMetricsReport>(new GetNodeMetrics(sinceUnixMs), AskTimeout, cancellationToken);
        }
        catch (Exception e) when (e is AskTimeoutException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
