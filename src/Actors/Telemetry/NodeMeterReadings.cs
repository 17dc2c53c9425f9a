using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hark.Engine.Segments;
using Hark.Messages;
using Hark.Storage.Caching;

namespace Hark.Actors.Telemetry;

/// <summary>
/// Listens to this process's Hark instruments (<see cref="HarkTelemetry"/>) and turns what they recorded since the last
/// call into one <see cref="NodeMetricsSample"/>: the dashboard's per-node numbers without a Prometheus scrape. The
/// instruments are process-wide, so several nodes in one process (tests) share their readings; the index cache is
/// the node's own, and so is its chunk cache.
/// </summary>
public sealed class NodeMeterReadings : IDisposable
{
    /// <summary>Latencies kept per interval; past it, reservoir sampling keeps the percentiles fair at any load.</summary>
    public const int MaxLatencies = 16_384;

    private readonly object _lock = new();
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly RecordingCache _cache;
    private readonly ChunkCache _chunkCache;
    private readonly List<double> _latencies = new(1024);
    private long _segments;
    private long _chunksEncoded;
    private double _realtimeSum;
    private long _realtimeCount;
    private long _errors;
    private int _encoding;
    private long _lastHits;
    private long _lastMisses;
    private long _lastChunkHits;
    private long _lastChunkMisses;
    private DateTimeOffset _last;

    public NodeMeterReadings(RecordingCache cache, ChunkCache chunks, DateTimeOffset now)
    {
        _cache = cache;
        _chunkCache = chunks;
        _lastChunkHits = chunks.Hits;
        _lastChunkMisses = chunks.Misses;
        _last = now;
        _lastHits = cache.Hits;
        _lastMisses = cache.Misses;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HarkTelemetry.MeterName && instrument.Name is HarkTelemetry.SegmentDuration
                    or HarkTelemetry.ChunksEncoded or HarkTelemetry.EncodeRealtimeFactor or HarkTelemetry.Imports or HarkTelemetry.Errors)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>(OnDouble);
        _meters.SetMeasurementEventCallback<long>(OnLong);
        _meters.Start();
        // Busy workers are the chunk encodes under way: their spans, counted whether or not anything exports traces.
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HarkTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStarted = activity => Encoding(activity, +1),
            ActivityStopped = activity => Encoding(activity, -1),
        };
        ActivitySource.AddActivityListener(_activities);
    }

    /// <summary>What happened since the previous call (or construction), as of <paramref name="now"/>.</summary>
    public NodeMetricsSample Sample(DateTimeOffset now)
    {
        double[] latencies;
        long segments, chunks, errors, realtimeCount;
        double realtimeSum;
        lock (_lock)
        {
            latencies = [.. _latencies];
            segments = _segments;
            chunks = _chunksEncoded;
            errors = _errors;
            realtimeSum = _realtimeSum;
            realtimeCount = _realtimeCount;
            _latencies.Clear();
            _segments = _chunksEncoded = _errors = _realtimeCount = 0;
            _realtimeSum = 0;
        }
        long hits = _cache.Hits, misses = _cache.Misses, chunkHits = _chunkCache.Hits, chunkMisses = _chunkCache.Misses;
        double seconds = Math.Max((now - _last).TotalSeconds, 1e-3);
        Array.Sort(latencies);
        var sample = new NodeMetricsSample(
            now.ToUnixTimeMilliseconds(),
            Math.Max(0, Volatile.Read(ref _encoding)),
            chunks * 60 / seconds,
            realtimeCount == 0 ? 0 : realtimeSum / realtimeCount,
            segments / seconds,
            Percentile.Of(latencies, 50),
            Percentile.Of(latencies, 99),
            _cache.Bytes,
            hits - _lastHits,
            misses - _lastMisses,
            _chunkCache.SizeBytes,
            chunkHits - _lastChunkHits,
            chunkMisses - _lastChunkMisses,
            errors);
        _last = now;
        _lastHits = hits;
        _lastMisses = misses;
        _lastChunkHits = chunkHits;
        _lastChunkMisses = chunkMisses;
        return sample;
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        lock (_lock)
        {
            if (instrument.Name == HarkTelemetry.SegmentDuration)
            {
                _segments++;
                if (_latencies.Count < MaxLatencies)
                {
                    _latencies.Add(value);
                }
                else if (Random.Shared.NextInt64(_segments) is var slot && slot < MaxLatencies)
                {
                    _latencies[(int)slot] = value;
                }
            }
            else
            {
                _realtimeSum += value;
                _realtimeCount++;
            }
        }
    }

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        bool failed = false;
        foreach (var tag in tags)
        {
            failed |= tag is { Key: "outcome", Value: "failed" };
        }
        lock (_lock)
        {
            if (instrument.Name == HarkTelemetry.ChunksEncoded)
            {
                _chunksEncoded += value;
            }
            else if (failed || instrument.Name == HarkTelemetry.Errors)
            {
                _errors += value;
            }
        }
    }

    private void Encoding(Activity activity, int change)
    {
        if (activity.OperationName == HarkTelemetry.ChunkEncodeSpan)
        {
            Interlocked.Add(ref _encoding, change);
        }
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }
}
