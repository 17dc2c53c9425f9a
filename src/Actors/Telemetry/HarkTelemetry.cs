using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hark.Engine.Segments;

namespace Hark.Actors.Telemetry;

/// <summary>
/// The names and instruments of Hark's traces and metrics, in one place so the node's exporters (/metrics, OTLP)
/// and the tests subscribe to exactly what the actors emit.
/// </summary>
public static class HarkTelemetry
{
    public const string ActivitySourceName = "Hark.Actors";
    public const string MeterName = "Hark";

    // Span names.
    public const string ImportSpan = "hark.import";
    public const string StageSpan = "hark.import.stage";
    public const string ChunkEncodeSpan = "hark.chunk.encode";
    public const string CommitSpan = "hark.import.commit";
    public const string SegmentRequestSpan = "hark.segment.request";
    public const string IndexLoadSpan = "hark.segment.index_load";
    public const string DecodeSpan = "hark.segment.decode";

    // Instrument names (units in the instrument's unit field, as OpenTelemetry exporters expect).
    public const string Imports = "hark.imports";
    public const string ChunksEncoded = "hark.chunks.encoded";
    public const string EncodeRealtimeFactor = "hark.encode.realtime_factor";
    public const string SegmentDuration = "hark.segment.duration";
    public const string CacheHits = "hark.cache.hits";
    public const string CacheMisses = "hark.cache.misses";
    public const string BytesStored = "hark.bytes.stored";
    public const string BytesServed = "hark.bytes.served";
    public const string StaleMessages = "hark.messages.stale";
    public const string Errors = "hark.errors";

    public static readonly ActivitySource Source = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);

    /// <summary>Imports by outcome (tag <c>outcome</c>: started, complete, failed).</summary>
    public static readonly Counter<long> ImportCounter = Meter.CreateCounter<long>(Imports, "{import}", "Imports started and finished");
    public static readonly Counter<long> ChunkCounter = Meter.CreateCounter<long>(ChunksEncoded, "{chunk}", "Chunks encoded by this node's importers");
    public static readonly Histogram<double> RealtimeFactor = Meter.CreateHistogram<double>(EncodeRealtimeFactor, "1", "Seconds of audio encoded per second of work, per chunk");
    public static readonly Histogram<double> SegmentMilliseconds = Meter.CreateHistogram<double>(SegmentDuration, "ms", "Time to serve a segment request on the reader");
    public static readonly Counter<long> StoredBytes = Meter.CreateCounter<long>(BytesStored, "By", "Encoded audio bytes committed to the archive");
    public static readonly Counter<long> ServedBytes = Meter.CreateCounter<long>(BytesServed, "By", "Segment bytes sent to askers");
    /// <summary>
    /// What went wrong on this node that was not the caller's doing (tag <c>kind</c>: segment, for a read of damaged or
    /// unreachable storage or a fault; http, for a 5xx answer). Failed imports count in <see cref="ImportCounter"/>.
    /// </summary>
    public static readonly Counter<long> ErrorCounter = Meter.CreateCounter<long>(Errors, "{error}", "Failures on this node that were not the caller's doing");

    /// <summary>Chunk results and commit answers of an import that no longer holds its id, dropped (tag <c>message</c>).</summary>
    public static readonly Counter<long> StaleCounter = Meter.CreateCounter<long>(StaleMessages, "{message}", "Messages of a superseded or deleted import, dropped");

    private static readonly ConcurrentDictionary<RecordingCache, byte> Caches = new();

    static HarkTelemetry()
    {
        Meter.CreateObservableCounter(CacheHits, () => Caches.Keys.Sum(c => c.Hits), "{lookup}", "Segment reads whose index was cached");
        Meter.CreateObservableCounter(CacheMisses, () => Caches.Keys.Sum(c => c.Misses), "{lookup}", "Segment reads that loaded an index");
    }

    /// <summary>Reports a node's index cache in the hit/miss counters (until <see cref="Forget"/>).</summary>
    public static void Observe(RecordingCache cache) => Caches.TryAdd(cache, 0);

    public static void Forget(RecordingCache cache) => Caches.TryRemove(cache, out _);

    /// <summary>Starts a span that continues the trace a message carried (W3C traceparent), or a new root.</summary>
    public static Activity? StartFrom(string name, string? traceParent, ActivityKind kind = ActivityKind.Consumer)
    {
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent))
        {
            return Source.StartActivity(name, kind, parent);
        }
        return Source.StartActivity(name, kind);
    }

    /// <summary>The current span's context as a traceparent value for an outgoing message.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>A span's traceparent, so work the span started elsewhere (a PipeTo continuation) can join it.</summary>
    public static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
}
