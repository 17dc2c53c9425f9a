namespace Hark.Engine.Import;

/// <summary>What encoding one chunk produced (its frames stay in staging; only this summary travels).</summary>
public sealed record ChunkResult(int ChunkIndex, int FrameCount, long EncodedBytes, long SourceSamples, double EncodeSeconds, int SampleRate);
