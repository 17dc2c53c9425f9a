using System.Threading.Channels;
using Akka.Actor;

namespace Hark.Actors.Services;

/// <summary>
/// The asker of one segment request: a short-lived actor that passes each answer (with its sender, to acknowledge)
/// to the waiting <see cref="ClusterRecordingService"/> call, which writes it to the caller's stream.
/// </summary>
internal sealed class SegmentReceiver : UntypedActor
{
    private readonly ChannelWriter<(object Message, IActorRef Sender)> _answers;

    public SegmentReceiver(ChannelWriter<(object Message, IActorRef Sender)> answers) => _answers = answers;

    public static Props Props(ChannelWriter<(object Message, IActorRef Sender)> answers) =>
        Akka.Actor.Props.Create(() => new SegmentReceiver(answers));

    protected override void OnReceive(object message) => _answers.TryWrite((message, Sender));

    protected override void PostStop() => _answers.TryComplete();
}
