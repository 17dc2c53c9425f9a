namespace Hark.Messages;

/// <summary>
/// One node's work over one sampling interval (2 s): rates over the interval, latency percentiles of the segment
/// reads it served in it, and its index and chunk caches as they stood at the end (hits and misses: in the interval).
/// </summary>
public sealed record NodeMetricsSample(
    long AtUnixMs,
    int WorkersBusy,
    double ChunksPerMinute,
    double EncodeRealtimeFactor,
    double SegmentsPerSecond,
    double LatencyP50Ms,
    double LatencyP99Ms,
    long IndexCacheBytes,
    long CacheHits,
    long CacheMisses,
    long ChunkCacheBytes,
    long ChunkCacheHits,
    long ChunkCacheMisses,
    long Errors);
