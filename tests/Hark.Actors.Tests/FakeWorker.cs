using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hark.Messages;

namespace Hark.Actors.Tests;

/// <summary>What a <see cref="FakeWorker"/> does with the jobs it takes.</summary>
public enum FakeWorkerBehaviour
{
    /// <summary>Takes one chunk and stops at once, as if its node died mid-chunk.</summary>
    StopOnJob,
    /// <summary>Takes one chunk and stays silent, as if it hung.</summary>
    HangOnJob,
    /// <summary>Takes one chunk, reports it failed (as a crashed encoder would) and stops.</summary>
    FailFirstJob,
    /// <summary>Takes every chunk it is offered and reports each failed: an encoder that always crashes.</summary>
    FailEveryJob,
}

/// <summary>A worker that misbehaves as told; tells <paramref name="observer"/> every job it took.</summary>
public sealed class FakeWorker : ReceiveActor
{
    public FakeWorker(IActorRef recordings, IActorRef observer, FakeWorkerBehaviour behaviour)
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        mediator.Tell(new Subscribe(WorkAvailable.Topic, Self));
        bool taken = false;
        Receive<SubscribeAck>(ack => observer.Tell(ack));
        Receive<WorkAvailable>(work =>
        {
            if (!taken)
            {
                recordings.Tell(new RequestWork(work.RecordingId));
            }
        });
        Receive<ChunkJob>(job =>
        {
            observer.Tell(job);
            switch (behaviour)
            {
                case FakeWorkerBehaviour.StopOnJob:
                    taken = true;
                    Context.Stop(Self);
                    break;
                case FakeWorkerBehaviour.HangOnJob:
                    taken = true;
                    break;
                case FakeWorkerBehaviour.FailFirstJob:
                    taken = true;
                    recordings.Tell(new ChunkFailed(job.RecordingId, job.Token, job.ChunkIndex, "encoder crashed", "fake-node", Superseded: false));
                    Context.Stop(Self);
                    break;
                case FakeWorkerBehaviour.FailEveryJob:
                    recordings.Tell(new ChunkFailed(job.RecordingId, job.Token, job.ChunkIndex, "encoder crashed", "fake-node", Superseded: false));
                    recordings.Tell(new RequestWork(job.RecordingId));
                    break;
            }
        });
        Receive<NoWork>(_ => { });
    }

    public static Props Props(IActorRef recordings, IActorRef observer, FakeWorkerBehaviour behaviour) =>
        Akka.Actor.Props.Create(() => new FakeWorker(recordings, observer, behaviour));
}
