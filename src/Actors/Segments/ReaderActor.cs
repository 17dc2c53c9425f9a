using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Hark.Actors.Telemetry;
using Hark.Engine.Segments;
using Hark.Messages;
using Hark.Storage;

namespace Hark.Actors.Segments;

/// <summary>
/// Serves one recording's segments, sharded by recording id so a recording's frame index is cached on exactly one
/// node and the cluster's cache grows with its size. The answer streams back to the asker as
/// <see cref="SegmentChunk"/> messages of at most 64 KB, at most <see cref="SegmentAck.Window"/> unacknowledged,
/// then <see cref="SegmentCompleted"/> (or <see cref="SegmentFailed"/>).
/// </summary>
public sealed class ReaderActor : ReceiveActor
{
    private readonly string _id;
    private readonly SegmentReader _reader;
    private readonly TimeSpan _ackTimeout;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    /// <summary>This node's address, tagged on segment spans so a trace shows which node served the read.</summary>
    private readonly string _node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
    private readonly CancellationTokenSource _stopping = new();
    // Credits of the requests being served; acknowledgements arrive here and release them.
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _credits = new();

    public ReaderActor(string id, SegmentReader reader, TimeSpan idleTimeout, TimeSpan ackTimeout)
    {
        _id = id;
        _reader = reader;
        _ackTimeout = ackTimeout;
        Context.SetReceiveTimeout(idleTimeout);

        Receive<ReadSegment>(Serve);
        Receive<SegmentAck>(ack =>
        {
            if (_credits.TryGetValue(ack.RequestId, out var credit))
            {
                credit.Release();
            }
        });
        Receive<SegmentServed>(served =>
        {
            if (_credits.TryRemove(served.RequestId, out var credit))
            {
                credit.Dispose();
            }
        });
        Receive<ReceiveTimeout>(_ =>
        {
            if (_credits.IsEmpty)
            {
                Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            }
        });
    }

    public static Props Props(string id, SegmentReader reader, TimeSpan idleTimeout, TimeSpan ackTimeout) =>
        Akka.Actor.Props.Create(() => new ReaderActor(id, reader, idleTimeout, ackTimeout));

    protected override void PreStart() => _log.Info("Recording {0}: reader started on this node", _id);

    protected override void PostStop() => _stopping.Cancel();

    private void Serve(ReadSegment request)
    {
        var credit = new SemaphoreSlim(SegmentAck.Window, SegmentAck.Window);
        if (!_credits.TryAdd(request.RequestId, credit))
        {
            _log.Warning("Segment request {0} arrived twice; ignoring the repeat", request.RequestId);
            credit.Dispose();
            return;
        }
        var self = Self;
        var asker = Sender;
        var reader = _reader;
        var ackTimeout = _ackTimeout;
        var ct = _stopping.Token;
        ServeAsync(reader, request, asker, self, credit, ackTimeout, _node, ct).PipeTo(Self,
            success: () => new SegmentServed(request.RequestId),
            failure: _ => new SegmentServed(request.RequestId));
    }

    private static async Task ServeAsync(SegmentReader reader, ReadSegment request, IActorRef asker, IActorRef self,
        SemaphoreSlim credit, TimeSpan ackTimeout, string node, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = HarkTelemetry.StartFrom(HarkTelemetry.SegmentRequestSpan, request.TraceParent, ActivityKind.Server);
        span?.SetTag("hark.recording", request.RecordingId);
        span?.SetTag("hark.start", request.StartSample);
        span?.SetTag("hark.count", request.Count);
        span?.SetTag("hark.node", node);
        try
        {
            long misses = reader.Recordings.Misses;
            using (var load = HarkTelemetry.Source.StartActivity(HarkTelemetry.IndexLoadSpan))
            {
                await reader.GetRecordingAsync(request.RecordingId, ct);
                load?.SetTag("hark.cache_hit", reader.Recordings.Misses == misses);
            }
            var writer = new SegmentChunkWriter(request.RequestId, async chunk =>
            {
                // Wait for the asker to have written an earlier chunk: bounded memory, and a slow client slows us.
                if (!await credit.WaitAsync(ackTimeout, ct))
                {
                    throw new TimeoutException($"segment request {request.RequestId}: the asker stopped acknowledging");
                }
                asker.Tell(chunk, self);
            });
            using (HarkTelemetry.Source.StartActivity(HarkTelemetry.DecodeSpan))
            {
                await reader.ReadSegmentAsync(request.RecordingId, request.StartSample, request.Count, request.Format, writer, ct);
            }
            var completed = await writer.CompleteAsync();
            asker.Tell(completed, self);
            HarkTelemetry.ServedBytes.Add(completed.TotalBytes);
            span?.SetTag("hark.bytes", completed.TotalBytes);
        }
        catch (Exception e)
        {
            var kind = e switch
            {
                SegmentRangeException => SegmentFailure.Range,
                RecordingNotFoundException => SegmentFailure.NotFound,
                InvalidRecordingIdException => SegmentFailure.NotFound,
                StorageUnavailableException => SegmentFailure.Unavailable,
                CorruptRecordingException => SegmentFailure.Damaged,
                _ => SegmentFailure.Error,
            };
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            if (kind is not (SegmentFailure.Range or SegmentFailure.NotFound))
            {
                HarkTelemetry.ErrorCounter.Add(1, new KeyValuePair<string, object?>("kind", "segment"));
            }
            // Damage crosses as what is damaged; the caller names the recording again, so the message reads the same.
            asker.Tell(new SegmentFailed(request.RequestId, kind, e is CorruptRecordingException damaged ? damaged.Detail : e.Message), self);
        }
        finally
        {
            HarkTelemetry.SegmentMilliseconds.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
