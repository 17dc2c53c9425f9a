namespace Hark.Actors.Sharding;

/// <summary>Registry key of the recording entities' shard region (or its proxy on nodes without the importer role).</summary>
public sealed class RecordingRegion;

/// <summary>Registry key of the readers' shard region (or its proxy on nodes without the reader role).</summary>
public sealed class ReaderRegion;

/// <summary>Registry key of this node's indexer.</summary>
public sealed class Indexer;

/// <summary>Registry key of the distributed pub-sub mediator.</summary>
public sealed class PubSubMediator;

/// <summary>Registry key of the batch entities' shard region (or its proxy on nodes without the importer role).</summary>
public sealed class BatchRegion;
