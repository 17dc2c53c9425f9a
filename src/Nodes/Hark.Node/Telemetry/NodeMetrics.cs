using System.Diagnostics.Metrics;
using Hark.Engine.Segments;

namespace Hark.Node.Telemetry;

/// <summary>
/// What the node measures at its front door, whatever serves the request behind it: segment latency and bytes.
/// The meter's name starts with "Hark" so the node's exporters pick it up with the rest.
/// </summary>
public static class NodeMetrics
{
    public const string MeterName = "Hark.Node";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> SegmentDuration = Meter.CreateHistogram<double>(
        "hark.node.segment.duration", unit: "s", description: "Time to answer one segment request, first lookup to last byte.");

    private static readonly Counter<long> SegmentBytes = Meter.CreateCounter<long>(
        "hark.node.segment.bytes", unit: "By", description: "Bytes of segment answers sent.");

    public static void SegmentServed(TimeSpan elapsed, long bytes, SegmentFormat format)
    {
        var tag = new KeyValuePair<string, object?>("format", format.ToString().ToLowerInvariant());
        SegmentDuration.Record(elapsed.TotalSeconds, tag);
        SegmentBytes.Add(bytes, tag);
    }
}
