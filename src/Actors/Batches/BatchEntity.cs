using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Hark.Actors.Import;
using Hark.Engine.Batches;
using Hark.Messages;

namespace Hark.Actors.Batches;

/// <summary>
/// One batch, sharded by batch id, in two states: loading (its document from the archive) and running (a poll
/// every interval, one at a time). Its durable state is the archive's batch document, so an entity restarted
/// on another node (the import sweeper sends <see cref="RunBatch"/> for every unfinished batch) carries on where
/// the last saved poll left it; the imports it started resume on their own entities meanwhile.
/// </summary>
/// <remarks>Archive and front-door work runs as tasks piped back as messages; handlers never await.</remarks>
public sealed class BatchEntity : ReceiveActor, IWithTimers
{
    private sealed record Loaded(BatchStatus? Batch);

    private sealed record LoadFailed(string Reason);

    private sealed record Poll
    {
        public static readonly Poll Instance = new();
    }

    private sealed record Polled(BatchStatus Batch);

    private sealed record PollFailed(string Reason);

    private readonly string _id;
    private readonly BatchSteps _steps;
    private readonly TimeSpan _interval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();

    public BatchEntity(string id, BatchSteps steps, TimeSpan interval)
    {
        _id = id;
        _steps = steps;
        _interval = interval;
        Loading();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string id, BatchSteps steps, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new BatchEntity(id, steps, interval));

    protected override void PreStart()
    {
        _log.Info("Batch {0}: entity started on this node", _id);
        _steps.LoadAsync(_id, _stopping.Token).PipeTo(Self,
            success: batch => new Loaded(batch),
            failure: e => new LoadFailed(e.Message));
    }

    protected override void PostStop() => _stopping.Cancel();

    private void Loading()
    {
        Receive<Loaded>(loaded =>
        {
            if (loaded.Batch is not { Phase: BatchPhase.Running } batch)
            {
                Passivate();
                return;
            }
            Timers.StartPeriodicTimer("poll", Poll.Instance, _interval);
            StartPoll(batch);
        });
        Receive<LoadFailed>(failed =>
        {
            // The sweeper asks again within its interval.
            _log.Warning("Batch {0}: cannot load it: {1}", _id, failed.Reason);
            Passivate();
        });
        Receive<RunBatch>(_ => { });
        Receive<HandOffStop>(_ => Context.Stop(Self));
    }

    private void Waiting(BatchStatus batch)
    {
        Receive<Poll>(_ => StartPoll(batch));
        Receive<RunBatch>(_ => { });
        Receive<HandOffStop>(_ => Context.Stop(Self));
    }

    private void Polling(BatchStatus batch)
    {
        Receive<Polled>(polled =>
        {
            if (polled.Batch.Phase == BatchPhase.Finished)
            {
                _log.Info("Batch {0}: finished: {1} complete, {2} skipped, {3} failed", _id, polled.Batch.Count(BatchItemState.Complete),
                    polled.Batch.Count(BatchItemState.Skipped), polled.Batch.Count(BatchItemState.Failed));
                Timers.CancelAll();
                Passivate();
                return;
            }
            Become(() => Waiting(polled.Batch));
        });
        Receive<PollFailed>(failed =>
        {
            _log.Warning("Batch {0}: poll failed, trying again: {1}", _id, failed.Reason);
            Become(() => Waiting(batch));
        });
        // One poll at a time: ticks meanwhile are dropped.
        Receive<Poll>(_ => { });
        Receive<RunBatch>(_ => { });
        Receive<HandOffStop>(_ => Context.Stop(Self));
    }

    private void StartPoll(BatchStatus batch)
    {
        _steps.PollAsync(batch, _stopping.Token).PipeTo(Self,
            success: next => new Polled(next),
            failure: e => new PollFailed(e.Message));
        Become(() => Polling(batch));
    }

    private void Passivate()
    {
        Become(() => Receive<object>(_ => { }));
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }
}
