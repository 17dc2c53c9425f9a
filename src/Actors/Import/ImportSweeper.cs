using Akka.Actor;
using Akka.Event;
using Hark.Messages;
using Hark.Storage;

namespace Hark.Actors.Import;

/// <summary>
/// Periodically sends <see cref="ResumeImport"/> for every recording with something in staging. Entities are not
/// remembered, so an entity whose node crashed is not restarted by sharding; this restarts it (and thereby its
/// import) within one interval, and after a whole-cluster restart too. A running entity ignores the message;
/// an entity of a failed import loads, reports its failure if asked, and passivates again.
/// </summary>
public sealed class ImportSweeper : ReceiveActor, IWithTimers
{
    private sealed record Sweep
    {
        public static readonly Sweep Instance = new();
    }

    private sealed record Swept(IReadOnlyList<string> Ids);

    public ImportSweeper(ArchiveStore archive, IActorRef recordings, TimeSpan interval)
    {
        var log = Context.GetLogger();
        Receive<Sweep>(_ => ListAsync(archive).PipeTo(Self,
            success: ids => new Swept(ids),
            failure: e =>
            {
                log.Warning("Cannot list staged imports: {0}", e.Message);
                return new Swept([]);
            }));
        Receive<Swept>(swept =>
        {
            foreach (var id in swept.Ids)
            {
                recordings.Tell(new ResumeImport(id));
            }
        });
        _interval = interval;
    }

    private readonly TimeSpan _interval;

    public ITimerScheduler Timers { get; set; } = null!;

    // Timers exist once the actor is created, not yet in its constructor.
    protected override void PreStart() => Timers.StartPeriodicTimer("sweep", Sweep.Instance, _interval);

    public static Props Props(ArchiveStore archive, IActorRef recordings, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new ImportSweeper(archive, recordings, interval));

    private static Task<IReadOnlyList<string>> ListAsync(ArchiveStore archive) => archive.ListStagedIdsAsync(CancellationToken.None);
}
