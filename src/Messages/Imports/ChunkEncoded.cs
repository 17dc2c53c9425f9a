namespace Hark.Messages;

/// <summary>A chunk of import <see cref="Token"/> is encoded and staged; <see cref="Node"/> is the address of the node whose worker encoded it.</summary>
public sealed record ChunkEncoded(
    string RecordingId,
    string Token,
    int ChunkIndex,
    int FrameCount,
    long EncodedBytes,
    long SourceSamples,
    double EncodeSeconds,
    string Node) : IRecordingMessage;
