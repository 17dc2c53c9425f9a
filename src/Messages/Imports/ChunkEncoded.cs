namespace Hark.Messages;

/// <summary>A chunk is encoded and staged; <see cref="Node"/> is the address of the node whose worker encoded it.</summary>
public sealed record ChunkEncoded(
    string RecordingId,
    int ChunkIndex,
    int FrameCount,
    long EncodedBytes,
    long SourceSamples,
    double EncodeSeconds,
    string Node) : IRecordingMessage;
