using Hark.Engine.Import;

namespace Hark.Actors.Hosting;

/// <summary>Timings of the cluster layer; the defaults suit production, tests shorten some.</summary>
public sealed record HarkClusterSettings
{
    /// <summary>How long a worker may hold a chunk before it is handed out again (a 10-min AAC chunk takes ~20 s).</summary>
    public TimeSpan ChunkLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many chunks an import's staging may run ahead of the lowest chunk not yet encoded (see StagingWindow): the
    /// most chunks of one import encoding at once, and what bounds its staging on disk (about 20 MB a chunk for 120 s
    /// of 44.1 kHz stereo). Raise it for a cluster with more encoders than this.
    /// </summary>
    public int StagingAheadChunks { get; init; } = StagingWindow.DefaultAheadChunks;

    /// <summary>How often an entity with waiting chunks announces them again, and checks leases.</summary>
    public TimeSpan AnnounceInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An entity or reader with nothing to do for this long passivates (stops until its next message).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a caller waits for an entity's answer (an import's first answer comes after the probe).</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a segment stream may wait for its next message (or a reader for an acknowledgement).</summary>
    public TimeSpan SegmentIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a batch's entity looks at its imports and starts the next ones.</summary>
    public TimeSpan BatchPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an importer node pokes the entities of imports left in staging (see ImportSweeper).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether importer nodes look for imports left in staging and resume them. On for servers; off for the CLI's
    /// in-process cluster, where `hark segment` must not pick up an import another invocation was killed in.
    /// </summary>
    public bool ResumeStagedImports { get; init; } = true;

    /// <summary>
    /// Akka's gossip, leader-actions and singleton hand-over intervals: how quickly membership changes take effect.
    /// Akka's 1 s suits a network of machines; a cluster of one that lives for one command spends it on every exit.
    /// </summary>
    public TimeSpan MembershipTick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long membership must be unchanged before the split brain resolver downs unreachable members. A killed
    /// node's recordings move, and its leased chunks go back in the queue, only once it is downed, so this is most of
    /// a failover's time: the failure detector takes ~5 s to call a member unreachable, the resolver then waits this
    /// long to down it, and the shard coordinator, if it lived there, moves only after as long again (the removal
    /// margin: the other side must have had time to down itself). Akka suggests 7 s for clusters of up to five nodes
    /// or so; raise it for bigger clusters or long GC pauses (docs/cluster.md measures the trade).
    /// </summary>
    public TimeSpan DowningStableAfter { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>
    /// How long a caller waits for an entity or reader while the cluster recovers from a lost member: the shards that
    /// lived there answer nothing until it is downed and they move, so the caller is told 503 (retry) quickly instead
    /// of waiting the whole <see cref="AskTimeout"/>.
    /// </summary>
    public TimeSpan RecoveringAskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an import waits out an unreachable remote store (each call tried again with growing pauses) before it
    /// fails. Reads never wait: they answer 503 at once and the client asks again.
    /// </summary>
    public TimeSpan StorageOutagePatience { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The least severe Akka log event that is logged at all.</summary>
    public Akka.Event.LogLevel LogLevel { get; init; } = Akka.Event.LogLevel.InfoLevel;

    /// <summary>
    /// For the cluster of one a CLI command runs in: membership settles at once, only warnings are logged, and
    /// imports another command left in staging stay there until their file is imported again.
    /// </summary>
    public static HarkClusterSettings ForOneCommand() => new()
    {
        ResumeStagedImports = false,
        MembershipTick = TimeSpan.FromMilliseconds(50),
        LogLevel = Akka.Event.LogLevel.WarningLevel,
    };

    /// <summary>Bytes of frame indexes a reader node keeps in memory.</summary>
    public long IndexCacheBytes { get; init; } = 256L << 20;

    /// <summary>Shards per region; must be the same on every node for a cluster's lifetime.</summary>
    public int MaxShards { get; init; } = Sharding.RecordingMessageExtractor.DefaultMaxShards;
}
