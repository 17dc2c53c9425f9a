using Akka.Cluster.Sharding;
using Hark.Messages;

namespace Hark.Actors.Sharding;

/// <summary>Routes every <see cref="IBatchMessage"/> to the entity named by its batch id.</summary>
public sealed class BatchMessageExtractor(int maxShards = RecordingMessageExtractor.DefaultMaxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => (message as IBatchMessage)?.BatchId;
}
