namespace Hark.Engine.Import;

/// <summary>Progress of an import: samples decoded from the source and chunks encoded so far.</summary>
public sealed record ImportProgress(long SamplesStaged, long? TotalSamples, int ChunksEncoded, int ChunkCount, TimeSpan Elapsed, int SampleRate);
