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
/// One recording's life, sharded by recording id, in explicit states: loading, idle (unknown, complete or failed),
/// planning, staging, encoding, committing, failing, deleting. Its durable state is the archive: on start it reads
/// the recording group and the staged plan of the import holding the id, so an entity restarted or moved resumes.
/// The chunk bookkeeping lives in an <see cref="ImportBook"/>; every chunk result and commit answer carries the
/// import's token, and one with another token is dropped and counted.
/// </summary>
/// <remarks>Archive work runs as tasks piped back as messages; handlers never await.</remarks>
public sealed class RecordingEntity : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    /// <summary>
    /// Tries a chunk gets before its failure fails the import: enough to ride out a crashed encoder process or a
    /// storage hiccup on one node, few enough that a chunk that cannot be encoded anywhere ends the import quickly.
    /// </summary>
    public const int EncodeAttempts = 3;

    private readonly string _id;
    private readonly ArchiveServices _services;
    private readonly IActorRef _indexer;
    private readonly IActorRef _mediator;
    private readonly IActorRef _region;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ImportTrace _trace = new();
    private CancellationTokenSource? _import;

    public RecordingEntity(string id, ArchiveServices services, IActorRef indexer, IActorRef mediator, IActorRef region)
    {
        _id = id;
        _services = services;
        _indexer = indexer;
        _mediator = mediator;
        _region = region;
        Loading();
    }

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="region">The recording region itself, to reach this entity wherever it lives next.</param>
    public static Props Props(string id, ArchiveServices services, IActorRef indexer, IActorRef mediator, IActorRef region) =>
        Akka.Actor.Props.Create(() => new RecordingEntity(id, services, indexer, mediator, region));

    protected override void PreStart()
    {
        // Which node hosts which recording is what an operator needs to know when a node goes away.
        _log.Info("Recording {0}: entity started on this node", _id);
        var steps = _services.Steps;
        var id = _id;
        steps.LoadAsync(id, _stopping.Token).PipeTo(Self,
            success: state => new EntityLoaded(state),
            failure: e => new EntityLoadFailed(Reason(e)));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _import?.Cancel();
        _trace.End(System.Diagnostics.ActivityStatusCode.Unset, "entity stopped");
    }

    // ---- states -------------------------------------------------------------------------------------------------

    private void Loading()
    {
        Receive<EntityLoaded>(loaded =>
        {
            var state = loaded.State;
            if (state.IsUnfinished)
            {
                // An import holds the id and has not failed: it was under way when the entity stopped. Carry on.
                _log.Info("Resuming the import of {0} from its staged plan", _id);
                _trace.Resumed(_id);
                BeginImport(state.Plan!);
            }
            else if (state.Failure is not null)
            {
                BecomeFailed(state.Failure, state.Plan?.ChunkCount ?? 0);
            }
            else
            {
                switch (state.Metadata?.State)
                {
                    case RecordingPhase.Complete:
                        BecomeIdle(RecordingPhase.Complete);
                        break;
                    case RecordingPhase.Failed:
                        BecomeFailed(state.Metadata.FailureReason ?? "import failed");
                        break;
                    case RecordingPhase.Importing:
                        BecomeFailed("the import was interrupted before it was planned; import the file again");
                        break;
                    default:
                        BecomeIdle(RecordingPhase.Unknown);
                        break;
                }
            }
            Stash.UnstashAll();
        });
        Receive<EntityLoadFailed>(failed =>
        {
            // Without its state the entity cannot answer truthfully: fail, and the shard restarts it to load again.
            _log.Error("Recording {0}: cannot read its state from the archive: {1}", _id, failed.Reason);
            throw new InvalidOperationException($"recording {_id}: cannot read its state: {failed.Reason}");
        });
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>No import running: the recording is unknown, complete or (see <see cref="BecomeFailed"/>) failed.</summary>
    private void Idle(RecordingStatus status)
    {
        Receive<GetImportStatus>(_ => Sender.Tell(status));
        Receive<StartImport>(start => StartPlanning(start, status));
        Receive<DeleteRecording>(StartDeleting);
        Receive<ResumeImport>(_ => { }); // starting the entity was the point
        Receive<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
        Receive<HandOffStop>(_ => Context.Stop(Self));
        DropStale();
    }

    private void Planning(IActorRef replyTo, RecordingStatus before)
    {
        var planning = new RecordingStatus(_id, RecordingPhase.Importing, 0, 0);
        Receive<GetImportStatus>(_ => Sender.Tell(planning));
        Receive<StartImport>(_ => Sender.Tell(planning));
        Receive<Planned>(planned =>
        {
            _trace.Planned(planned.Plan.ChunkCount);
            planned.ReplyTo.Tell(BeginImport(planned.Plan));
            Stash.UnstashAll();
        });
        Receive<PlanRefused>(refused =>
        {
            if (before.Phase == RecordingPhase.Complete)
            {
                // The recording stays as it was (it exists and replace was not asked, say): only this request failed.
                _trace.Refused(refused.Reason);
                refused.ReplyTo.Tell(before with { Phase = RecordingPhase.Failed, Reason = refused.Reason });
                BecomeIdle(RecordingPhase.Complete);
            }
            else
            {
                _trace.Failed(refused.Reason);
                BecomeFailed(refused.Reason);
                refused.ReplyTo.Tell(Failed(refused.Reason));
            }
            Stash.UnstashAll();
        });
        // A delete waits for the plan: planning claims the id, and the delete must come after that claim to revoke it.
        Receive<DeleteRecording>(_ => Stash.Stash());
        Receive<HandOffStop>(_ => Context.Stop(Self));
        Receive<ResumeImport>(_ => { });
        DropStale();
    }

    /// <summary>The source is being staged; chunks are handed out as they become encodable.</summary>
    private void Staging(ImportBook book)
    {
        // Before the shared handlers: those end with the catch-alls for stale messages.
        Receive<ChunkStaged>(staged => staged.Token == book.Token, staged =>
        {
            book.ChunkStaged(staged.Chunk);
            Announce(book);
        });
        Receive<StagingDone>(done => done.Plan.Token == book.Token, done =>
        {
            book.StagingDone(done.Plan);
            Announce(book);
            if (!CommitIfReady(book))
            {
                Become(() => Encoding(book));
            }
        });
        Receive<StagingFailed>(failed => failed.Token == book.Token, failed => StartFailing(book, failed.Reason));
        ImportWork(book);
    }

    /// <summary>The source is staged; the last chunks are being encoded.</summary>
    private void Encoding(ImportBook book) => ImportWork(book);

    private void Committing(ImportBook book)
    {
        var status = book.Status(_id);
        Receive<GetImportStatus>(_ => Sender.Tell(status));
        Receive<StartImport>(_ => Sender.Tell(status));
        Receive<ImportCommitted>(committed => committed.Token == book.Token, _ =>
        {
            _trace.Completed(book.BytesEncoded);
            // A replaced recording must not be served from an index cached before.
            Forget();
            Publish(new ImportFinished(_id, RecordingPhase.Complete, null, book.EncodedBy()));
            BecomeIdle(book.Status(_id) with { Phase = RecordingPhase.Complete });
        });
        Receive<CommitFailed>(failed => failed.Token == book.Token, failed => StartFailing(book, $"commit failed: {failed.Reason}"));
        // The delete revokes the token at once; the commit in flight then cannot flip the group, and its answer is stale.
        Receive<DeleteRecording>(delete => StartDeleting(delete));
        Receive<HandOffStop>(_ => HandOff());
        Receive<RequestWork>(_ => Sender.Tell(new NoWork(_id)));
        Receive<ResumeImport>(_ => { });
        DropStale();
    }

    /// <summary>The import failed; its failure is being recorded (and told apart from having lost the id).</summary>
    private void Failing(ImportBook book)
    {
        var status = book.Status(_id);
        Receive<GetImportStatus>(_ => Sender.Tell(status));
        Receive<FailureRecorded>(recorded => recorded.Token == book.Token, recorded =>
        {
            _log.Warning("Import of {0} failed: {1}", _id, recorded.Reason);
            _trace.Failed(recorded.Reason);
            Publish(new ImportFinished(_id, RecordingPhase.Failed, recorded.Reason, book.EncodedBy()));
            BecomeFailed(recorded.Reason, book.Plan.ChunkCount);
            Stash.UnstashAll();
        });
        Receive<RequestWork>(_ => Sender.Tell(new NoWork(_id)));
        Receive<HandOffStop>(_ => Context.Stop(Self));
        Receive<ResumeImport>(_ => { });
        DropStale();
        ReceiveAny(_ => Stash.Stash());
    }

    private void Deleting()
    {
        Receive<Deleted>(deleted =>
        {
            Forget();
            deleted.ReplyTo.Tell(new RecordingDeleted(_id, deleted.Found, deleted.Error));
            BecomeIdle(RecordingPhase.Unknown);
            Stash.UnstashAll();
        });
        DropStale();
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>What staging and encoding share: status, work pulling, chunk results, delete, hand-off.</summary>
    private void ImportWork(ImportBook book)
    {
        Receive<GetImportStatus>(_ => Sender.Tell(book.Status(_id)));
        Receive<StartImport>(_ => Sender.Tell(book.Status(_id)));
        Receive<ResumeImport>(_ => { });
        Receive<RequestWork>(_ =>
        {
            if (!book.TryLease(Sender, DateTime.UtcNow + _services.Settings.ChunkLease, out int chunk))
            {
                Sender.Tell(new NoWork(_id));
                return;
            }
            // Watching the worker is what re-hands its chunk out when it stops or its node leaves the cluster.
            Context.Watch(Sender);
            Sender.Tell(new ChunkJob(_id, book.Token, chunk, _trace.TraceParent));
        });
        Receive<ChunkEncoded>(encoded => encoded.Token == book.Token, encoded =>
        {
            if (book.Encoded(encoded.ChunkIndex, encoded.Node, encoded.EncodedBytes))
            {
                _trace.ChunkEncoded(encoded.ChunkIndex, encoded.Node);
            }
            UnwatchIfIdle(book, Sender);
            CommitIfReady(book);
        });
        Receive<ChunkFailed>(failed => failed.Token == book.Token, failed =>
        {
            int attempts = book.Failed(failed.ChunkIndex);
            UnwatchIfIdle(book, Sender);
            if (failed.Superseded)
            {
                StartFailing(book, failed.Reason);
            }
            else if (attempts >= EncodeAttempts)
            {
                StartFailing(book, $"chunk {failed.ChunkIndex} could not be encoded in {attempts} attempts, last on {failed.Node}: {failed.Reason}");
            }
            else if (attempts > 0)
            {
                _log.Warning("Recording {0}: chunk {1} failed on {2} ({3}); it goes back in the queue (attempt {4} of {5} failed)",
                    _id, failed.ChunkIndex, failed.Node, failed.Reason, attempts, EncodeAttempts);
                Announce(book);
            }
        });
        Receive<Terminated>(terminated =>
        {
            var released = book.Release(terminated.ActorRef);
            if (released.Count > 0)
            {
                _log.Warning("Recording {0}: worker {1} is gone; chunks {2} go back in the queue", _id, terminated.ActorRef.Path, string.Join(",", released));
                Announce(book);
            }
        });
        Receive<AnnounceTick>(_ =>
        {
            var expired = book.Expire(DateTime.UtcNow);
            if (expired.Count > 0)
            {
                _log.Warning("Recording {0}: chunks {1} were not reported in time; handing them out again", _id, string.Join(",", expired));
            }
            Announce(book);
        });
        Receive<DeleteRecording>(delete =>
        {
            Cancel(book);
            StartDeleting(delete);
        });
        Receive<HandOffStop>(_ => HandOff());
        DropStale();
    }

    // ---- transitions --------------------------------------------------------------------------------------------

    private void BecomeIdle(RecordingPhase phase) => BecomeIdle(new RecordingStatus(_id, phase, 0, 0));

    /// <param name="status">What a status question is told from now on (a finished import keeps its counts).</param>
    private void BecomeIdle(RecordingStatus status)
    {
        Timers.Cancel("announce");
        Become(() => Idle(status));
        Context.SetReceiveTimeout(_services.Settings.IdleTimeout);
    }

    /// <param name="chunkCount">The failed import's chunk count, when it got as far as a plan.</param>
    private void BecomeFailed(string reason, int chunkCount = 0)
    {
        Timers.Cancel("announce");
        Become(() => Idle(new RecordingStatus(_id, RecordingPhase.Failed, 0, chunkCount, reason)));
        Context.SetReceiveTimeout(_services.Settings.IdleTimeout);
    }

    private void StartPlanning(StartImport start, RecordingStatus before)
    {
        _trace.Started(_id, start.TraceParent);
        var steps = _services.Steps;
        var replyTo = Sender;
        steps.PlanAsync(start.Request, _stopping.Token).PipeTo(Self,
            success: plan => new Planned(plan, replyTo),
            failure: e => new PlanRefused(Reason(e), replyTo));
        // Importing from now on, so a second start while the source is probed is answered, not run twice.
        Context.SetReceiveTimeout(null);
        Become(() => Planning(replyTo, before));
    }

    private RecordingStatus BeginImport(ImportPlan plan)
    {
        var book = new ImportBook(plan, _services.Settings.StagingAheadChunks);
        _import = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var self = Self;
        var steps = _services.Steps;
        var ct = _import.Token;
        var parent = _trace.TraceParent;
        StageAsync(steps, plan, book.Window, self, parent, ct).PipeTo(Self,
            success: final => new StagingDone(final),
            failure: e => new StagingFailed(plan.Token, Reason(e)));
        Timers.StartPeriodicTimer("announce", AnnounceTick.Instance, _services.Settings.AnnounceInterval);
        // An entity with an import in flight must stay: it owns the queue and the leases.
        Context.SetReceiveTimeout(null);
        Become(() => Staging(book));
        return book.Status(_id);
    }

    /// <param name="window">The book's: the entity tells it of encoded chunks, this task waits on it.</param>
    private static async Task<ImportPlan> StageAsync(IImportSteps steps, ImportPlan plan, StagingWindow window, IActorRef entity, string? parent,
        CancellationToken ct)
    {
        using var span = HarkTelemetry.StartFrom(HarkTelemetry.StageSpan, parent, System.Diagnostics.ActivityKind.Internal);
        span?.SetTag("hark.recording", plan.Id);
        return await steps.StageSourceAsync(plan, chunk =>
        {
            entity.Tell(new ChunkStaged(plan.Token, chunk));
            return ValueTask.CompletedTask;
        }, window, null, ct);
    }

    private bool CommitIfReady(ImportBook book)
    {
        if (!book.IsReadyToCommit)
        {
            return false;
        }
        Timers.Cancel("announce");
        _indexer.Tell(new CommitImport(_id, book.Token, _trace.TraceParent));
        Become(() => Committing(book));
        return true;
    }

    private void StartFailing(ImportBook book, string reason)
    {
        Cancel(book);
        var steps = _services.Steps;
        var id = _id;
        var token = book.Token;
        // Recorded in the archive so a restarted entity reports the same failure; an import that lost its id says so.
        steps.FailAsync(id, token, reason, CancellationToken.None).PipeTo(Self,
            success: recorded => new FailureRecorded(token, recorded),
            failure: _ => new FailureRecorded(token, reason));
        Become(() => Failing(book));
    }

    private void StartDeleting(DeleteRecording delete)
    {
        Timers.Cancel("announce");
        var archive = _services.Archive;
        var replyTo = Sender;
        DeleteAsync(archive, _id, replyTo).PipeTo(Self);
        Become(Deleting);
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

    /// <summary>Stops this node's staging and tells every worker to drop the import's chunks.</summary>
    private void Cancel(ImportBook book)
    {
        _import?.Cancel();
        _import = null;
        Timers.Cancel("announce");
        _mediator.Tell(new Publish(WorkAvailable.Topic, new ImportCancelled(_id, book.Token)));
    }

    private void HandOff()
    {
        // The region buffers this while the shard moves and delivers it at the new home, which resumes the import
        // from the archive without waiting for someone to ask.
        _region.Tell(new ResumeImport(_id));
        Context.Stop(Self);
    }

    private void Announce(ImportBook book)
    {
        if (book.HasWaiting)
        {
            _mediator.Tell(new Publish(WorkAvailable.Topic, new WorkAvailable(_id)));
        }
    }

    private void Publish(ImportFinished finished) => _mediator.Tell(new Publish(ImportFinished.Topic, finished));

    /// <summary>Every reader node drops the recording's cached index.</summary>
    private void Forget() => _mediator.Tell(new Publish(ForgetRecording.Topic, new ForgetRecording(_id)));

    private void UnwatchIfIdle(ImportBook book, IActorRef worker)
    {
        if (!book.Holds(worker))
        {
            Context.Unwatch(worker);
        }
    }

    /// <summary>Results of an import that is not the current one (deleted, failed, superseded): dropped and counted.</summary>
    private void DropStale()
    {
        Receive<RequestWork>(_ => Sender.Tell(new NoWork(_id)));
        Receive<ChunkEncoded>(_ => Stale("chunk_encoded"));
        Receive<ChunkFailed>(_ => Stale("chunk_failed"));
        Receive<ImportCommitted>(_ => Stale("import_committed"));
        Receive<CommitFailed>(_ => Stale("commit_failed"));
        Receive<ChunkStaged>(_ => { });
        Receive<StagingDone>(_ => { });
        Receive<StagingFailed>(_ => { });
        Receive<FailureRecorded>(_ => { });
        Receive<AnnounceTick>(_ => { });
        Receive<Terminated>(_ => { });
    }

    private void Stale(string message)
    {
        HarkTelemetry.StaleCounter.Add(1, new KeyValuePair<string, object?>("message", message));
        Context.Unwatch(Sender);
    }

    private RecordingStatus Failed(string reason) => new(_id, RecordingPhase.Failed, 0, 0, reason);

    private static string Reason(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : e;
        return inner.Message;
    }
}
