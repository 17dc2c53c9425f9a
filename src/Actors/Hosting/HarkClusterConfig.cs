namespace Hark.Actors.Hosting;

/// <summary>HOCON the Akka.Hosting options do not cover.</summary>
internal static class HarkClusterConfig
{
    /// <summary>
    /// Split brain resolver, keep-majority: after a partition the side with more nodes (ties: the one with the
    /// lowest address) keeps running and downs the rest. down-all-when-unstable: if membership keeps flapping for
    /// stable-after * 3/4 more, everyone downs itself rather than risk two sides both believing they own the same
    /// recordings. stable-after itself comes from <see cref="HarkClusterSettings.DowningStableAfter"/>.
    /// </summary>
    public const string Hocon = """
        akka.cluster.split-brain-resolver {
          active-strategy = keep-majority
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

    public static string Membership(TimeSpan tick, TimeSpan stableAfter)
    {
        var ms = Milliseconds(tick);
        return $"""
            akka.cluster.singleton.hand-over-retry-interval = {ms}ms
            akka.cluster.leader-actions-interval = {ms}ms
            akka.cluster.gossip-interval = {ms}ms
            akka.cluster.split-brain-resolver.stable-after = {Milliseconds(stableAfter)}ms
            """;
    }

    private static string Milliseconds(TimeSpan span) =>
        ((long)span.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
