using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hark.Engine.Segments;
using Hark.Messages;

namespace Hark.Actors.Segments;

/// <summary>
/// On every reader node: drops a recording's cached index when its entity says it was deleted or replaced
/// (<see cref="ForgetRecording"/> on its topic). The node's sharded readers and the reads it serves itself share
/// that cache, so both stop answering from the old generation.
/// </summary>
public sealed class CacheInvalidator : ReceiveActor
{
    private readonly IActorRef _mediator;

    public CacheInvalidator(RecordingCache cache, IActorRef mediator)
    {
        _mediator = mediator;
        Receive<ForgetRecording>(forget => cache.Invalidate(forget.RecordingId));
        Receive<SubscribeAck>(_ => { });
    }

    public static Props Props(RecordingCache cache, IActorRef mediator) => Akka.Actor.Props.Create(() => new CacheInvalidator(cache, mediator));

    protected override void PreStart() => _mediator.Tell(new Subscribe(ForgetRecording.Topic, Self));
}
