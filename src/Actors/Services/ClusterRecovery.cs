using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;

namespace Hark.Actors.Services;

/// <summary>
/// Whether the cluster is recovering from a lost member, as a caller waiting for an answer needs to know: while a
/// member is unreachable, and for a while after one was removed. In that while the shards it hosted move (the
/// coordinator itself may have to move first, which waits the split brain resolver's removal margin), and a message
/// sent just before a region learnt of the removal is lost; a caller should hear "come back" soon, not wait a minute.
/// </summary>
public sealed class ClusterRecovery
{
    private readonly Cluster _cluster;
    private readonly TimeSpan _afterRemoval;
    private long _lastRemoval = long.MinValue;

    /// <param name="afterRemoval">How long after a removal the cluster still counts as recovering.</param>
    public ClusterRecovery(ActorSystem system, TimeSpan afterRemoval)
    {
        _cluster = Cluster.Get(system);
        _afterRemoval = afterRemoval;
        system.ActorOf(Props.Create(() => new RemovalWatcher(this)));
    }

    /// <summary>Null when the cluster is whole and settled; else why it is not.</summary>
    public string? Reason
    {
        get
        {
            int unreachable = _cluster.State.Unreachable.Count;
            if (unreachable > 0)
            {
                return $"{unreachable} member(s) unreachable";
            }
            long last = Interlocked.Read(ref _lastRemoval);
            return last != long.MinValue && Stopwatch.GetElapsedTime(last) < _afterRemoval ? "a member left moments ago, its shards are moving" : null;
        }
    }

    private void Removed() => Interlocked.Exchange(ref _lastRemoval, Stopwatch.GetTimestamp());

    private sealed class RemovalWatcher : ReceiveActor
    {
        public RemovalWatcher(ClusterRecovery recovery)
        {
            Receive<ClusterEvent.MemberRemoved>(_ => recovery.Removed());
            Receive<ClusterEvent.CurrentClusterState>(_ => { });
        }

        protected override void PreStart() =>
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));

        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
