using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hark.Messages;

namespace Hark.Actors.Tests;

/// <summary>
/// A worker that takes one chunk and never reports it: it either stops at once (as if its node died mid-chunk)
/// or stays silent (as if it hung). Tells <paramref name="observer"/> which job it took.
/// </summary>
public sealed class FakeWorker : ReceiveActor
{
    public FakeWorker(IActorRef recordings, IActorRef observer, bool stopOnJob)
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
            taken = true;
            observer.Tell(job);
            if (stopOnJob)
            {
                Context.Stop(Self);
            }
        });
        Receive<NoWork>(_ => { });
    }

    public static Props Props(IActorRef recordings, IActorRef observer, bool stopOnJob) =>
        Akka.Actor.Props.Create(() => new FakeWorker(recordings, observer, stopOnJob));
}
