namespace Hark.Messages;

/// <summary>
/// A node's answer to <see cref="GetNodeMetrics"/>: who it is (cluster address, version, start time, importer
/// workers) and its samples, oldest first, at most <see cref="MaxSamples"/> so the message stays well under 64 KB.
/// </summary>
public sealed record NodeMetricsReport(string Address, string Version, long StartedUnixMs, int Workers, IReadOnlyList<NodeMetricsSample> Samples)
    : IHarkMessage
{
    /// <summary>About 110 bytes a sample on the wire at most: 450 samples (15 minutes at 2 s) stay under 50 KB.</summary>
    public const int MaxSamples = 450;
}
