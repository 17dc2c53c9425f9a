namespace Hark.Actors.Hosting;

/// <summary>HOCON the Akka.Hosting options do not cover.</summary>
internal static class HarkClusterConfig
{
    /// <summary>
    /// Split brain resolver, keep-majority: after a partition the side with more nodes (ties: the one with the
    /// lowest address) keeps running and downs the rest. stable-after 20 s: membership must be unchanged that long
    /// before the resolver acts, long enough to ride out a GC pause or a brief network blip on a small cluster yet
    /// short enough that a dead node's chunks are re-handed out within half a minute. down-all-when-unstable:
    /// if membership keeps flapping for stable-after * 3/4 more, everyone downs itself rather than risk two sides
    /// both believing they own the same recordings.
    /// </summary>
    public const string Hocon = """
        akka.cluster.split-brain-resolver {
          active-strategy = keep-majority
          stable-after = 20s
          down-all-when-unstable = on
        }
        akka.cluster.sharding {
          # A rebalance hands a shard over only when it is worth it; imports resume on the new node anyway.
          least-shard-allocation-strategy.rebalance-absolute-limit = 5
        }
        akka.remote.dot-netty.tcp {
          # Segment answers travel in 64 KB pieces; leave room for the envelope.
          maximum-frame-size = 256000b
        }
        """;

    public static string Membership(TimeSpan tick)
    {
        var ms = ((long)tick.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"""
            akka.cluster.singleton.hand-over-retry-interval = {ms}ms
            akka.cluster.leader-actions-interval = {ms}ms
            akka.cluster.gossip-interval = {ms}ms
            """;
    }
}
