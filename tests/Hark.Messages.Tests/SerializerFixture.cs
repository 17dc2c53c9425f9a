using Akka.Actor;
using Hark.Messages;

namespace Hark.Messages.Tests;

/// <summary>One actor system for the serializer tests (the serializer needs one to exist).</summary>
public sealed class SerializerFixture : IDisposable
{
    public ActorSystem System { get; } = ActorSystem.Create("serializer-tests");

    public HarkMessageSerializer Serializer => new((ExtendedActorSystem)System);

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
}
