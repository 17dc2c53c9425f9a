namespace Hark.Media.Flac;

/// <summary>What a FLAC stream's STREAMINFO says of its samples.</summary>
public readonly record struct FlacStreamInfo(int SampleRate, int Channels, int BitsPerSample, long TotalSamples);
