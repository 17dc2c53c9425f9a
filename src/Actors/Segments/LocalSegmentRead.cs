using System.Diagnostics;
using Hark.Actors.Telemetry;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Actors.Segments;

/// <summary>A segment read served on the asking node itself, traced and counted like one served by a reader actor.</summary>
internal static class LocalSegmentRead
{
    /// <param name="node">This node's address, tagged on the span as a reader actor tags its own.</param>
    public static async Task ServeAsync(SegmentReader reader, string node, string id, long startSample, long count, SegmentFormat format,
        Stream destination, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = HarkTelemetry.Source.StartActivity(HarkTelemetry.SegmentRequestSpan, ActivityKind.Internal);
        span?.SetTag("hark.recording", id);
        span?.SetTag("hark.start", startSample);
        span?.SetTag("hark.count", count);
        span?.SetTag("hark.node", node);
        try
        {
            RecordingMetadata metadata;
            long misses = reader.Recordings.Misses;
            using (var load = HarkTelemetry.Source.StartActivity(HarkTelemetry.IndexLoadSpan))
            {
                metadata = await reader.GetRecordingAsync(id, ct);
                load?.SetTag("hark.cache_hit", reader.Recordings.Misses == misses);
            }
            using (HarkTelemetry.Source.StartActivity(HarkTelemetry.DecodeSpan))
            {
                await reader.ReadSegmentAsync(id, startSample, count, format, destination, ct);
            }
            long bytes = SegmentResponse.ByteLength(metadata, format, count);
            HarkTelemetry.ServedBytes.Add(bytes);
            span?.SetTag("hark.bytes", bytes);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            if (e is not (SegmentRangeException or RecordingNotFoundException or InvalidRecordingIdException or OperationCanceledException))
            {
                HarkTelemetry.ErrorCounter.Add(1, new KeyValuePair<string, object?>("kind", "segment"));
            }
            throw;
        }
        finally
        {
            HarkTelemetry.SegmentMilliseconds.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
