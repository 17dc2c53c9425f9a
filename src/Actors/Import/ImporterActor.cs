using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Hark.Actors.Telemetry;
using Hark.Engine.Import;
using Hark.Messages;
using Hark.Storage;

namespace Hark.Actors.Import;

/// <summary>
/// One chunk encoder on an importer node. Work pulling: it listens for <see cref="WorkAvailable"/> on the work topic
/// and, only while idle, asks that recording's entity (through the shard region) for a chunk; after each chunk it
/// reports and asks the same entity again until told <see cref="NoWork"/>. A node runs as many of these as it has
/// cores to spare, so a busy node simply stops asking and the work flows to idle nodes.
/// </summary>
public sealed class ImporterActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private readonly IImportSteps _steps;
    private readonly IActorRef _recordings;
    private readonly IActorRef _mediator;
    private readonly TimeSpan _askTimeout;
    private readonly string _node;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource? _job;
    // Recordings that announced work while this worker was busy: asked in turn once it is free.
    private readonly List<string> _heard = [];
    private int _attempt;
    private long _askedAt;

    /// <summary>An entity answers a request for work at once; one unanswered for this long (while its announcements
    /// keep coming) was lost.</summary>
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(3);

    public ImporterActor(IImportSteps steps, IActorRef recordings, IActorRef mediator, TimeSpan askTimeout)
    {
        _steps = steps;
        _recordings = recordings;
        _mediator = mediator;
        _askTimeout = askTimeout;
        _node = Cluster.Get(Context.System).SelfAddress.ToString();
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    public static Props Props(IImportSteps steps, IActorRef recordings, IActorRef mediator, TimeSpan askTimeout) =>
        Akka.Actor.Props.Create(() => new ImporterActor(steps, recordings, mediator, askTimeout));

    protected override void PreStart() => _mediator.Tell(new Subscribe(WorkAvailable.Topic, Self));

    protected override void PostStop()
    {
        _stopping.Cancel();
        _job?.Cancel();
        _mediator.Tell(new Unsubscribe(WorkAvailable.Topic, Self));
    }

    private void Idle()
    {
        Receive<WorkAvailable>(work => AskFor(work.RecordingId));
        Receive<SubscribeAck>(_ => { });
        Receive<UnsubscribeAck>(_ => { });
        // Late answers to an ask that timed out: a job still counts (the entity leased it to this worker).
        Receive<ChunkJob>(Encode);
        Receive<NoWork>(_ => { });
        Receive<AskExpired>(_ => { });
        Receive<ImportCancelled>(_ => { });
    }

    private void Asking(string recordingId)
    {
        Receive<ChunkJob>(Encode);
        Receive<NoWork>(_ => NextOrIdle(recordingId));
        // The entity says it has work, yet has not answered this worker for a while: the request was lost (sent to
        // the entity's old node as it died, say). Ask again rather than sit out the whole ask timeout.
        Receive<WorkAvailable>(work => work.RecordingId == recordingId && Stopwatch.GetElapsedTime(_askedAt) > AskAgainAfter,
            _ => AskFor(recordingId));
        Receive<WorkAvailable>(work => Remember(work.RecordingId));
        Receive<AskExpired>(expired =>
        {
            if (expired.Attempt == _attempt)
            {
                NextOrIdle(recordingId);
            }
        });
        Receive<ImportCancelled>(_ => { });
    }

    private void Working(ChunkJob job)
    {
        Receive<EncodeDone>(done =>
        {
            var r = done.Result;
            HarkTelemetry.ChunkCounter.Add(1);
            if (r.EncodeSeconds > 0)
            {
                HarkTelemetry.RealtimeFactor.Record(r.SourceSamples / (double)r.SampleRate / r.EncodeSeconds);
            }
            _recordings.Tell(new ChunkEncoded(job.RecordingId, job.Token, r.ChunkIndex, r.FrameCount, r.EncodedBytes, r.SourceSamples, r.EncodeSeconds, _node));
            Stash.UnstashAll();
            AskFor(job.RecordingId);
        });
        Receive<EncodeFailed>(failed =>
        {
            if (!failed.Cancelled)
            {
                _log.Warning("Chunk {0} of {1} failed: {2}", failed.Job.ChunkIndex, failed.Job.RecordingId, failed.Reason);
                _recordings.Tell(new ChunkFailed(job.RecordingId, job.Token, job.ChunkIndex, failed.Reason, _node, failed.Superseded));
            }
            Stash.UnstashAll();
            NextOrIdle(job.RecordingId);
        });
        // The import ended (deleted, failed, superseded): stop encoding its chunk; its result would be stale anyway.
        Receive<ImportCancelled>(cancelled => cancelled.RecordingId == job.RecordingId && cancelled.Token == job.Token,
            _ => _job?.Cancel());
        Receive<ImportCancelled>(_ => { });
        Receive<WorkAvailable>(work => Remember(work.RecordingId));
        // A job that reached this worker while it was busy (an ask answered after it timed out): the entity leased
        // it to this worker, so keep it for when this chunk is done rather than leave it waiting for the lease.
        Receive<ChunkJob>(_ => Stash.Stash());
        Receive<NoWork>(_ => { });
        Receive<AskExpired>(_ => { });
    }

    private void AskFor(string recordingId)
    {
        _heard.Remove(recordingId);
        _attempt++;
        _askedAt = Stopwatch.GetTimestamp();
        _recordings.Tell(new RequestWork(recordingId));
        Timers.StartSingleTimer("ask", new AskExpired(_attempt), _askTimeout);
        Become(() => Asking(recordingId));
    }

    private void NextOrIdle(string finished)
    {
        _heard.Remove(finished);
        if (_heard.Count > 0)
        {
            AskFor(_heard[0]);
            return;
        }
        Timers.Cancel("ask");
        Become(Idle);
    }

    private void Remember(string recordingId)
    {
        if (!_heard.Contains(recordingId))
        {
            _heard.Add(recordingId);
        }
    }

    private void Encode(ChunkJob job)
    {
        Timers.Cancel("ask");
        var steps = _steps;
        _job = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var ct = _job.Token;
        // The encode is CPU work that may not yield for seconds (the AAC encoder runs in process): off the actor's thread.
        string node = _node;
        Task.Run(() => EncodeAsync(steps, job, node, ct), CancellationToken.None).PipeTo(Self,
            success: result => new EncodeDone(job, result),
            failure: e =>
            {
                var error = e is AggregateException { InnerException: { } inner } ? inner : e;
                return new EncodeFailed(job, error.Message, Superseded: error is ImportSupersededException, Cancelled: ct.IsCancellationRequested);
            });
        Become(() => Working(job));
    }

    private static async Task<ChunkResult> EncodeAsync(IImportSteps steps, ChunkJob job, string node, CancellationToken ct)
    {
        using var span = HarkTelemetry.StartFrom(HarkTelemetry.ChunkEncodeSpan, job.TraceParent);
        span?.SetTag("hark.recording", job.RecordingId);
        span?.SetTag("hark.chunk", job.ChunkIndex);
        span?.SetTag("hark.node", node);
        return await steps.EncodeChunkAsync(job.RecordingId, job.Token, job.ChunkIndex, ct);
    }
}
