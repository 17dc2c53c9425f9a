using Akka.Actor;
using Akka.Event;
using Hark.Actors.Telemetry;
using Hark.Engine.Import;
using Hark.Messages;

namespace Hark.Actors.Import;

/// <summary>
/// Commits imports on this node: joins a recording's encoded chunks into its audio and frame index and flips it
/// complete (<see cref="IImportSteps.CommitAsync"/>), only while the import's token holds the id. One commit per
/// import at a time on this node: a second request for the same import waits for the running commit's answer.
/// </summary>
public sealed class IndexerActor : ReceiveActor
{
    private readonly IImportSteps _steps;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<(string Id, string Token), List<IActorRef>> _running = [];
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
        var key = (commit.RecordingId, commit.Token);
        if (_running.TryGetValue(key, out var waiting))
        {
            waiting.Add(Sender);
            return;
        }
        _running[key] = [Sender];
        var steps = _steps;
        var ct = _stopping.Token;
        CommitAsync(steps, commit, ct).PipeTo(Self,
            failure: e => new CommitDone(commit.RecordingId, commit.Token, null, (e is AggregateException { InnerException: { } inner } ? inner : e).Message));
    }

    private static async Task<CommitDone> CommitAsync(IImportSteps steps, CommitImport commit, CancellationToken ct)
    {
        using var span = HarkTelemetry.StartFrom(HarkTelemetry.CommitSpan, commit.TraceParent);
        span?.SetTag("hark.recording", commit.RecordingId);
        var metadata = await steps.CommitAsync(commit.RecordingId, commit.Token, ct);
        span?.SetTag("hark.frames", metadata.FrameCount);
        return new CommitDone(commit.RecordingId, commit.Token, metadata, null);
    }

    private void Done(CommitDone done)
    {
        if (!_running.Remove((done.RecordingId, done.Token), out var askers))
        {
            return;
        }
        object answer = done.Metadata is { } m
            ? new ImportCommitted(done.RecordingId, done.Token, m.TotalSamples, m.FrameCount)
            : new CommitFailed(done.RecordingId, done.Token, done.Error ?? "unknown error");
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
