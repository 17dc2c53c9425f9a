namespace Hark.Messages;

/// <summary>
/// Asks a node's metrics actor for its identity and the samples it took after <paramref name="SinceUnixMs"/>
/// (0: all it keeps, thinned to fit one message). Answered with <see cref="NodeMetricsReport"/>.
/// </summary>
public sealed record GetNodeMetrics(long SinceUnixMs) : IHarkMessage;
