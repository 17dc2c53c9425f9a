using System.Reflection;
using Akka.Actor;
using Akka.Cluster;
using Hark.Engine.Segments;
using Hark.Messages;
using Hark.Storage.Caching;

namespace Hark.Actors.Telemetry;

/// <summary>
/// One per node, at <see cref="Path"/>: samples the node's meters every <see cref="Interval"/> into a ring of the last
/// hour and answers <see cref="GetNodeMetrics"/> from any member, so whichever node a dashboard asks shows them all.
/// </summary>
public sealed class NodeMetricsActor : ReceiveActor, IWithTimers
{
    public const string Name = "node-metrics";

    /// <summary>Where every node's metrics actor lives: a member's address plus this path.</summary>
    public const string Path = "/user/" + Name;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>An hour at <see cref="Interval"/>.</summary>
    public const int HistorySamples = 1800;

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly SampleRing<NodeMetricsSample> _history = new(HistorySamples);
    private readonly NodeMeterReadings _readings;

    public NodeMetricsActor(RecordingCache cache, ChunkCache chunks, int workers)
    {
        var started = DateTimeOffset.UtcNow;
        _readings = new NodeMeterReadings(cache, chunks, started);
        var address = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<Tick>(_ => _history.Add(_readings.Sample(DateTimeOffset.UtcNow)));
        Receive<GetNodeMetrics>(ask => Sender.Tell(new NodeMetricsReport(address, Version, started.ToUnixTimeMilliseconds(), workers,
            _history.Select(s => s.AtUnixMs > ask.SinceUnixMs, NodeMetricsReport.MaxSamples))));
    }

    /// <summary>The build's informational version (the project's version, plus the commit when the build knew it).</summary>
    public static string Version { get; } =
        typeof(NodeMetricsActor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("sample", Tick.Instance, Interval);

    protected override void PostStop() => _readings.Dispose();

    public static Props Props(RecordingCache cache, ChunkCache chunks, int workers) =>
        Akka.Actor.Props.Create(() => new NodeMetricsActor(cache, chunks, workers));
}
