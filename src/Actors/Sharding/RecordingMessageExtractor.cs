using Akka.Cluster.Sharding;
using Hark.Messages;

namespace Hark.Actors.Sharding;

/// <summary>Routes every <see cref="IRecordingMessage"/> to the entity named by its recording id.</summary>
public sealed class RecordingMessageExtractor(int maxShards = RecordingMessageExtractor.DefaultMaxShards) : HashCodeMessageExtractor(maxShards)
{
    /// <summary>About ten shards per node of the largest expected cluster; fixed for a cluster's lifetime.</summary>
    public const int DefaultMaxShards = 100;

    public override string? EntityId(object message) => (message as IRecordingMessage)?.RecordingId;
}
