namespace Hark.Messages;

/// <summary>A message for one batch's sharded entity: the shard and entity are derived from the batch id.</summary>
public interface IBatchMessage : IHarkMessage
{
    string BatchId { get; }
}
