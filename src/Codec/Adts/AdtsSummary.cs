namespace Hark.Codec.Adts;

/// <summary>What a pass over an ADTS stream found.</summary>
public sealed record AdtsSummary
{
    public long FrameCount { get; init; }
    public long TotalBytes { get; init; }
    public long TotalSamples { get; init; }
    public int SampleRate { get; init; }
    public int ChannelConfiguration { get; init; }
    public int Channels { get; init; }
    public string Profile { get; init; } = "";
    public int MpegVersion { get; init; }
    public double DurationSeconds => SampleRate == 0 ? 0 : (double)TotalSamples / SampleRate;
    public double BitRateMin { get; init; }
    public double BitRateMax { get; init; }
    public double BitRateAverage { get; init; }
    public int FrameLengthMin { get; init; }
    public int FrameLengthMax { get; init; }
    public bool CrcPresent { get; init; }
    public long CrcValidFrames { get; init; }
    public long CrcInvalidFrames { get; init; }
    public long BytesSkipped { get; init; }
    public int Resyncs { get; init; }
    public long TruncatedBytes { get; init; }
}
