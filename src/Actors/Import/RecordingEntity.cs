using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Hark.Actors.Hosting;
using Hark.Actors.Telemetry;
using Hark.Engine.Import;
using Hark.Messages;
using Hark.Storage;

namespace Hark.Actors.Import;

/// <summary>
/// One recording's import, sharded by recording id. Plans and stages the source on this node, queues chunks as
/// they become encodable, leases them to importers that ask (work pulling), asks the indexer to commit once every
/// chunk is encoded, and answers status. Its durable state is the archive: on start it reads the recording's
/// metadata and staged plan, so an entity restarted or moved to another node resumes the import.
/// </summary>
/// <remarks>
/// Archive work runs as tasks whose results are piped back as messages; handlers never await, so status questions
/// are answered while a long source is being staged.
/// </remarks>
public sealed class RecordingEntity : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private readonly string _id;
    private readonly ArchiveServices _services;
    private readonly IActorRef _indexer;
    private readonly IActorRef _readers;
    private readonly IActorRef _mediator;
    private readonly IActorRef _region;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();

    private ImportPhase _phase = ImportPhase.Unknown;
    private string? _reason;
    private ImportPlan? _plan;
    private bool _staged;
    private bool _committing;
    private bool _planning;
    private ImportPhase _phaseBeforePlan;
    private int _chunkCount;
    private int _chunksDone;
    private int _chunksStaged;
    private long _bytesEncoded;
    private ChunkQueue _queue = new();
    private CancellationTokenSource? _import;
    private Activity? _span;

    public RecordingEntity(string id, ArchiveServices services, IActorRef indexer, IActorRef readers, IActorRef mediator, IActorRef region)
    {
        _id = id;
        _region = region;
        _services = services;
        _indexer = indexer;
        _readers = readers;
        _mediator = mediator;
        Loading();
    }

    /// <summary>
    /// Tries a chunk gets before its failure fails the import: enough to ride out a crashed encoder process or a
    /// storage hiccup on one node, few enough that a chunk that cannot be encoded anywhere ends the import quickly.
    /// </summary>
    public const int EncodeAttempts = 3;

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="region">The recording region itself, to reach this entity wherever it lives next.</param>
    public static Props Props(string id, ArchiveServices services, IActorRef indexer, IActorRef readers, IActorRef mediator, IActorRef region) =>
        Akka.Actor.Props.Create(() => new RecordingEntity(id, services, indexer, readers, mediator, region));

    protected override void PreStart()
    {
        var archive = _services.Archive;
        var id = _id;
        var ct = _stopping.Token;
        LoadAsync(archive, id, ct).PipeTo(Self, failure: e => new EntityLoadFailed(e.GetBaseException().Message));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _import?.Cancel();
        EndSpan(ActivityStatusCode.Unset, "entity stopped");
    }

    private static async Task<EntityLoaded> LoadAsync(ArchiveStore archive, string id, CancellationToken ct)
    {
        var metadata = await archive.FindRecordingAsync(id, ct);
        var plan = await ImportJournal.LoadPlanAsync(archive, id, ct);
        var failure = await ImportJournal.LoadFailureAsync(archive, id, ct);
        return new EntityLoaded(metadata, plan, failure);
    }

    private void Loading()
    {
        Receive<EntityLoaded>(loaded =>
        {
            Become(Ready);
            if (loaded.Failure is not null)
            {
                _phase = ImportPhase.Failed;
                _reason = loaded.Failure;
                _chunkCount = loaded.Plan?.ChunkCount ?? 0;
            }
            else if (loaded.Plan is not null && !(loaded.Metadata is { State: RecordingState.Complete } && !loaded.Plan.Replace))
            {
                // Staging exists and did not fail: an import was under way when the entity stopped. Carry on.
                _log.Info("Resuming the import of {0} from its staged plan", _id);
                BeginImport(loaded.Plan);
            }
            else if (loaded.Metadata is { State: RecordingState.Complete })
            {
                // A plan left beside a complete recording is staging the commit did not get to clear: not an import.
                _phase = ImportPhase.Complete;
            }
            else if (loaded.Metadata is { State: RecordingState.Failed } failed)
            {
                _phase = ImportPhase.Failed;
                _reason = failed.FailureReason ?? "import failed";
            }
            Stash.UnstashAll();
            UpdateIdleTimeout();
        });
        Receive<EntityLoadFailed>(failed =>
        {
            // Without its state the entity cannot answer truthfully: fail, and the shard restarts it to load again.
            _log.Error("Recording {0}: cannot read its state from the archive: {1}", _id, failed.Reason);
            throw new InvalidOperationException($"recording {_id}: cannot read its state: {failed.Reason}");
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        Receive<GetImportStatus>(_ => Sender.Tell(Status()));
        // Starting the entity was the point (the load above resumes an import in progress).
        Receive<ResumeImport>(_ => { });
        Receive<HandOffStop>(_ =>
        {
            if (_phase == ImportPhase.Importing)
            {
                // The region buffers this while the shard moves and delivers it at the new home, which resumes
                // the import from the archive without waiting for someone to ask.
                _region.Tell(new ResumeImport(_id));
            }
            Context.Stop(Self);
        });
        Receive<StartImport>(Start);
        Receive<Planned>(planned =>
        {
            if (!_planning)
            {
                // Deleted while it was being planned.
                planned.ReplyTo.Tell(Status());
                return;
            }
            _planning = false;
            planned.ReplyTo.Tell(BeginImport(planned.Plan));
        });
        Receive<PlanRefused>(refused =>
        {
            if (!_planning)
            {
                refused.ReplyTo.Tell(Status());
                return;
            }
            _planning = false;
            if (_phaseBeforePlan == ImportPhase.Complete)
            {
                // The recording stays as it was (e.g. it exists and replace was not asked): only this request failed.
                _phase = ImportPhase.Complete;
                EndSpan(ActivityStatusCode.Error, refused.Reason);
                UpdateIdleTimeout();
                refused.ReplyTo.Tell(new ImportStatus(_id, ImportPhase.Failed, 0, 0, refused.Reason));
                return;
            }
            Fail(refused.Reason);
            refused.ReplyTo.Tell(Status());
        });
        Receive<ChunkStaged>(staged =>
        {
            if (_phase == ImportPhase.Importing)
            {
                _chunksStaged = Math.Max(_chunksStaged, staged.Chunk + 1);
            }
            // Chunk n-1 reads a short tail from chunk n: it is encodable once n is staged.
            if (_phase == ImportPhase.Importing && staged.Chunk > 0)
            {
                _queue.MarkReady(staged.Chunk - 1);
                Announce();
            }
        });
        Receive<StagingDone>(done =>
        {
            if (_phase != ImportPhase.Importing)
            {
                return;
            }
            _plan = done.Plan;
            _staged = true;
            _chunkCount = done.Plan.ChunkCount;
            _chunksStaged = _chunkCount;
            _queue.MarkReady(_chunkCount - 1);
            Announce();
            CommitWhenDone();
        });
        Receive<StagingFailed>(failed =>
        {
            if (_phase == ImportPhase.Importing)
            {
                Fail(failed.Reason);
            }
        });
        Receive<RequestWork>(_ => HandOut());
        Receive<ChunkEncoded>(encoded =>
        {
            if (_phase != ImportPhase.Importing)
            {
                return;
            }
            if (_queue.Complete(encoded.ChunkIndex, encoded.Node))
            {
                _chunksDone = _queue.DoneCount;
                _bytesEncoded += encoded.EncodedBytes;
                _span?.AddEvent(new ActivityEvent("chunk encoded", tags: new ActivityTagsCollection
                {
                    ["hark.chunk"] = encoded.ChunkIndex,
                    ["hark.node"] = encoded.Node,
                }));
            }
            if (!_queue.Holds(Sender))
            {
                Context.Unwatch(Sender);
            }
            CommitWhenDone();
        });
        Receive<ChunkFailed>(failed =>
        {
            if (_phase != ImportPhase.Importing)
            {
                return;
            }
            int attempts = _queue.Fail(failed.ChunkIndex);
            if (!_queue.Holds(Sender))
            {
                Context.Unwatch(Sender);
            }
            if (attempts >= EncodeAttempts)
            {
                Fail($"chunk {failed.ChunkIndex} could not be encoded in {attempts} attempts, last on {failed.Node}: {failed.Reason}");
            }
            else if (attempts > 0)
            {
                _log.Warning("Recording {0}: chunk {1} failed on {2} ({3}); it goes back in the queue (attempt {4} of {5} failed)",
                    _id, failed.ChunkIndex, failed.Node, failed.Reason, attempts, EncodeAttempts);
                Announce();
            }
        });
        Receive<Terminated>(terminated =>
        {
            var released = _queue.Release(terminated.ActorRef);
            if (released.Count > 0)
            {
                _log.Warning("Recording {0}: worker {1} is gone; chunks {2} go back in the queue",
                    _id, terminated.ActorRef.Path, string.Join(",", released));
                Announce();
            }
        });
        Receive<AnnounceTick>(_ =>
        {
            var expired = _queue.Expire(DateTime.UtcNow);
            if (expired.Count > 0)
            {
                _log.Warning("Recording {0}: chunks {1} were not reported in time; handing them out again", _id, string.Join(",", expired));
            }
            Announce();
        });
        Receive<ImportCommitted>(committed =>
        {
            if (_phase != ImportPhase.Importing)
            {
                return;
            }
            _phase = ImportPhase.Complete;
            _committing = false;
            HarkTelemetry.ImportCounter.Add(1, new KeyValuePair<string, object?>("outcome", "complete"));
            HarkTelemetry.StoredBytes.Add(_bytesEncoded);
            // A replaced recording must not be served from an index cached before.
            _readers.Tell(new ForgetRecording(_id));
            Finish(null);
        });
        Receive<CommitFailed>(failed =>
        {
            _committing = false;
            if (_phase == ImportPhase.Importing)
            {
                Fail($"commit failed: {failed.Reason}");
            }
        });
        Receive<DeleteRecording>(delete =>
        {
            StopImport();
            _planning = false;
            _phase = ImportPhase.Unknown;
            _reason = null;
            _chunkCount = _chunksDone = _chunksStaged = 0;
            var archive = _services.Archive;
            var id = _id;
            var replyTo = Sender;
            DeleteAsync(archive, id, replyTo).PipeTo(Self);
        });
        Receive<Deleted>(deleted =>
        {
            _readers.Tell(new ForgetRecording(_id));
            deleted.ReplyTo.Tell(new RecordingDeleted(_id, deleted.Found, deleted.Error));
            UpdateIdleTimeout();
        });
        Receive<ReceiveTimeout>(_ =>
        {
            if (_phase != ImportPhase.Importing)
            {
                Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            }
        });
    }

    private void Start(StartImport start)
    {
        if (_phase == ImportPhase.Importing)
        {
            Sender.Tell(Status());
            return;
        }
        var request = start.ToRequest();
        // Importing from now on, so a second start while the source is probed is answered, not run twice.
        _planning = true;
        _phaseBeforePlan = _phase;
        _phase = ImportPhase.Importing;
        _reason = null;
        _chunkCount = _chunksDone = _chunksStaged = 0;
        UpdateIdleTimeout();
        var previous = Activity.Current;
        _span = HarkTelemetry.StartFrom(HarkTelemetry.ImportSpan, start.TraceParent);
        _span?.SetTag("hark.recording", _id);
        Activity.Current = previous;
        HarkTelemetry.ImportCounter.Add(1, new KeyValuePair<string, object?>("outcome", "started"));

        var steps = _services.Steps;
        var archive = _services.Archive;
        var replyTo = Sender;
        var ct = _stopping.Token;
        PlanAsync(steps, archive, request, ct).PipeTo(Self,
            success: plan => new Planned(plan, replyTo),
            failure: e => new PlanRefused(Reason(e), replyTo));
    }

    private static async Task<ImportPlan> PlanAsync(IImportSteps steps, ArchiveStore archive, ImportRequest request, CancellationToken ct)
    {
        await ImportJournal.ClearFailureAsync(archive, request.Id, ct);
        return await steps.PlanAsync(request, ct);
    }

    private ImportStatus BeginImport(ImportPlan plan)
    {
        _phase = ImportPhase.Importing;
        _reason = null;
        _plan = plan;
        _staged = false;
        _committing = false;
        _chunkCount = plan.ChunkCount;
        _chunksDone = _chunksStaged = 0;
        _bytesEncoded = 0;
        _queue = new ChunkQueue();
        _import = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (_span is null)
        {
            var previous = Activity.Current;
            _span = HarkTelemetry.Source.StartActivity(HarkTelemetry.ImportSpan, ActivityKind.Internal);
            _span?.SetTag("hark.recording", _id);
            _span?.SetTag("hark.resumed", true);
            Activity.Current = previous;
        }
        _span?.SetTag("hark.chunks", plan.ChunkCount);

        var self = Self;
        var steps = _services.Steps;
        var ct = _import.Token;
        var parent = TraceParentOf(_span);
        StageAsync(steps, plan, self, parent, ct).PipeTo(Self,
            success: final => new StagingDone(final),
            failure: e => new StagingFailed(Reason(e)));
        Timers.StartPeriodicTimer("announce", AnnounceTick.Instance, _services.Settings.AnnounceInterval);
        UpdateIdleTimeout();
        return Status();
    }

    private static async Task<ImportPlan> StageAsync(IImportSteps steps, ImportPlan plan, IActorRef entity, string? parent, CancellationToken ct)
    {
        using var span = HarkTelemetry.StartFrom(HarkTelemetry.StageSpan, parent, ActivityKind.Internal);
        span?.SetTag("hark.recording", plan.Id);
        return await steps.StageSourceAsync(plan, chunk =>
        {
            entity.Tell(new ChunkStaged(chunk));
            return ValueTask.CompletedTask;
        }, null, ct);
    }

    private static async Task<Deleted> DeleteAsync(ArchiveStore archive, string id, IActorRef replyTo)
    {
        try
        {
            await archive.DeleteRecordingAsync(id, CancellationToken.None);
            return new Deleted(true, null, replyTo);
        }
        catch (RecordingNotFoundException)
        {
            return new Deleted(false, null, replyTo);
        }
        catch (Exception e)
        {
            return new Deleted(true, e.Message, replyTo);
        }
    }

    private void HandOut()
    {
        if (_phase != ImportPhase.Importing || _plan is null
            || !_queue.TryLease(Sender, DateTime.UtcNow + _services.Settings.ChunkLease, out int chunk))
        {
            Sender.Tell(new NoWork(_id));
            return;
        }
        // Watching the worker is what re-hands its chunk out when it stops or its node leaves the cluster.
        Context.Watch(Sender);
        Sender.Tell(new ChunkJob(_id, chunk, _plan.ToData(), TraceParentOf(_span)));
    }

    private void Announce()
    {
        if (_phase == ImportPhase.Importing && _queue.HasWaiting)
        {
            _mediator.Tell(new Publish(WorkAvailable.Topic, new WorkAvailable(_id)));
        }
    }

    private void CommitWhenDone()
    {
        if (_phase != ImportPhase.Importing || !_staged || _committing || _plan is null || _queue.DoneCount < _chunkCount)
        {
            return;
        }
        _committing = true;
        Timers.Cancel("announce");
        _indexer.Tell(new CommitImport(_id, _plan.ToData(), TraceParentOf(_span)));
    }

    private void Fail(string reason)
    {
        StopImport();
        _phase = ImportPhase.Failed;
        _reason = reason;
        _log.Warning("Import of {0} failed: {1}", _id, reason);
        HarkTelemetry.ImportCounter.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        var steps = _services.Steps;
        var id = _id;
        var log = _log;
        // Recorded in the archive so a restarted entity reports the same failure.
        _ = steps.FailAsync(id, reason, CancellationToken.None).ContinueWith(
            t => log.Error(t.Exception, "Recording {0}: could not record its failure", id), TaskContinuationOptions.OnlyOnFaulted);
        Finish(reason);
    }

    private void Finish(string? reason)
    {
        var encodedBy = Enumerable.Range(0, _chunkCount)
            .Select(i => _queue.Done.TryGetValue(i, out var node) ? node : "")
            .ToArray();
        _mediator.Tell(new Publish(ImportFinished.Topic, new ImportFinished(_id, _phase, reason, encodedBy)));
        Timers.Cancel("announce");
        EndSpan(reason is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, reason);
        UpdateIdleTimeout();
    }

    private void StopImport()
    {
        _import?.Cancel();
        _import = null;
        Timers.Cancel("announce");
        _committing = false;
        _staged = false;
    }

    private void EndSpan(ActivityStatusCode status, string? description)
    {
        if (_span is null)
        {
            return;
        }
        _span.SetStatus(status, description);
        _span.Stop();
        _span = null;
    }

    private void UpdateIdleTimeout() =>
        // An entity with an import in flight must stay: it owns the queue and the leases.
        Context.SetReceiveTimeout(_phase == ImportPhase.Importing ? null : _services.Settings.IdleTimeout);

    private ImportStatus Status() => new(_id, _phase, _chunksDone, _chunkCount, _reason, _chunksStaged, SourceSeconds(_plan));

    private static double SourceSeconds(ImportPlan? plan) =>
        plan is null ? 0 : (double)(plan.TotalSamples ?? plan.ChunkSamples * plan.ChunkCount) / plan.SampleRate;

    private static string? TraceParentOf(Activity? activity) => HarkTelemetry.TraceParentOf(activity);

    private static string Reason(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : e;
        return inner.Message;
    }
}
