namespace Hark.Messages;

/// <summary>A message for one recording's sharded actor: the shard and entity are derived from the id.</summary>
public interface IRecordingMessage : IHarkMessage
{
    string RecordingId { get; }
}
