using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Hark.Messages;
using Hark.Storage;

namespace Hark.Actors.Import;

/// <summary>
/// Periodically sends <see cref="ResumeImport"/> for every recording with something in staging. Entities are not
/// remembered, so an entity whose node crashed is not restarted by sharding; this restarts it (and thereby its
/// import) within one interval, and after a whole-cluster restart too. A running entity ignores the message;
/// an entity of a failed import loads, reports its failure if asked, and passivates again. It also sweeps at once
/// when a member leaves the cluster: the entities that lived there restart on their shards' new homes without
/// waiting for the interval, or for a client to ask. Unfinished batches are swept the same way (<see cref="RunBatch"/>).
/// </summary>
public sealed class ImportSweeper : ReceiveActor, IWithTimers
{
    private sealed record Sweep
    {
        public static readonly Sweep Instance = new();
    }

    private sealed record Swept(IReadOnlyList<string> Ids, IReadOnlyList<string> Batches);

    public ImportSweeper(ArchiveStore archive, IActorRef recordings, IActorRef batches, TimeSpan interval)
    {
        var log = Context.GetLogger();
        Receive<Sweep>(_ => ListAsync(archive).PipeTo(Self,
            success: swept => swept,
            failure: e =>
            {
                log.Warning("Cannot list staged imports and running batches: {0}", e.Message);
                return new Swept([], []);
            }));
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            log.Info("Member {0} left the cluster: resuming the imports it may have hosted", removed.Member.Address);
            // The regions learn that the member's shards are gone a moment after the removal itself; until then a
            // message to one of them is lost. So sweep now, and again once the shards have surely moved.
            Self.Tell(Sweep.Instance);
            foreach (var delay in AfterRemoval)
            {
                Timers.StartSingleTimer($"after-removal-{delay.TotalSeconds}", Sweep.Instance, delay);
            }
        });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<Swept>(swept =>
        {
            foreach (var id in swept.Ids)
            {
                recordings.Tell(new ResumeImport(id));
            }
            foreach (var id in swept.Batches)
            {
                batches.Tell(new RunBatch(id));
            }
        });
        _interval = interval;
    }

    /// <summary>After a removal: the regions drop the member's shards within a second or two; the coordinator, if it
    /// lived there, restarts only after the resolver's removal margin (the stable-after time, 7 s by default).</summary>
    private static readonly TimeSpan[] AfterRemoval = new[] { 1, 3, 6, 10, 15, 25 }.Select(s => TimeSpan.FromSeconds(s)).ToArray();

    private readonly TimeSpan _interval;

    public ITimerScheduler Timers { get; set; } = null!;

    // Timers exist once the actor is created, not yet in its constructor.
    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("sweep", Sweep.Instance, _interval);
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    public static Props Props(ArchiveStore archive, IActorRef recordings, IActorRef batches, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new ImportSweeper(archive, recordings, batches, interval));

    private static async Task<Swept> ListAsync(ArchiveStore archive) =>
        new(await archive.ListStagedIdsAsync(CancellationToken.None), await archive.ListRunningBatchIdsAsync(CancellationToken.None));
}
