using Akka.Actor;
using Akka.Event;
using Hark.Actors.Telemetry;
using Hark.Engine.Import;
using Hark.Messages;

namespace Hark.Actors.Import;

/// <summary>
/// Commits imports on this node: joins a recording's encoded chunks into its audio and frame index and flips it
/// complete (<see cref="IImportSteps.CommitAsync"/>). One commit per recording at a time: a second request for
/// a recording being committed waits for the running commit's answer instead of racing it.
/// </summary>
public sealed class IndexerActor : ReceiveActor
{
    private readonly IImportSteps _steps;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, List<IActorRef>> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public IndexerActor(IImportSteps steps)
    {
        _steps = steps;
        Receive<CommitImport>(Commit);
        Receive<CommitDone>(Done);
    }

    public static Props Props(IImportSteps steps) => Akka.Actor.Props.Create(() => new IndexerActor(steps));

    protected override void PostStop() => _stopping.Cancel();

    private void Commit(CommitImport commit)
    {
        if (_running.TryGetValue(commit.RecordingId, out var waiting))
        {
            waiting.Add(Sender);
            return;
        }
        _running[commit.RecordingId] = [Sender];
        var steps = _steps;
        var ct = _stopping.Token;
        CommitAsync(steps, commit, ct).PipeTo(Self,
            failure: e => new CommitDone(commit.RecordingId, null, (e is AggregateException { InnerException: { } inner } ? inner : e).Message));
    }

    private static async Task<CommitDone> CommitAsync(IImportSteps steps, CommitImport commit, CancellationToken ct)
    {
        using var span = HarkTelemetry.StartFrom(HarkTelemetry.CommitSpan, commit.TraceParent);
        span?.SetTag("hark.recording", commit.RecordingId);
        var metadata = await steps.CommitAsync(commit.Plan.ToPlan(), ct);
        span?.SetTag("hark.frames", metadata.FrameCount);
        return new CommitDone(commit.RecordingId, metadata, null);
    }

    private void Done(CommitDone done)
    {
        if (!_running.Remove(done.RecordingId, out var askers))
        {
            return;
        }
        object answer = done.Metadata is { } m
            ? new ImportCommitted(done.RecordingId, m.TotalSamples, m.FrameCount)
            : new CommitFailed(done.RecordingId, done.Error ?? "unknown error");
        if (done.Error is not null)
        {
            _log.Warning("Commit of {0} failed: {1}", done.RecordingId, done.Error);
        }
        foreach (var asker in askers)
        {
            asker.Tell(answer);
        }
    }
}
