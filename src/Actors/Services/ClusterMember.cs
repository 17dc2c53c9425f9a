namespace Hark.Actors.Services;

/// <summary>
/// One member as the answering node sees it: Akka's view (address, roles, status, reachability) and what the member
/// itself said of its version and start, null when it did not answer in time.
/// </summary>
/// <param name="Status">joining, weakly_up, up, leaving, exiting, down, removed; unreachable when this node cannot reach it.</param>
public sealed record ClusterMember(
    string Address,
    IReadOnlyList<string> Roles,
    string Status,
    bool Self,
    string? Version,
    double? UptimeSeconds,
    int? Workers);
