namespace Hark.Codec.Mp4;

/// <summary>
/// What an M4A file of stored AAC frames (or Opus packets) is made from: the stream's format, the size of every frame written, and
/// which of the decoded samples to play (<see cref="MediaTime"/> skipped, then <see cref="PlayedSamples"/> played).
/// </summary>
public sealed record M4aTrack(
    int SampleRate,
    int Channels,
    byte[] AudioSpecificConfig,
    int SamplesPerFrame,
    IReadOnlyList<int> FrameSizes,
    long MediaTime,
    long PlayedSamples,
    DateTimeOffset CreationTime,
    IReadOnlyList<ItunesTag> Tags)
{
    /// <summary>Set for an Opus track: the frames are Opus packets and the sample entry is 'Opus' + dOps instead of 'mp4a' + esds.</summary>
    public OpusSpecificBox? Opus { get; init; }

    public long MediaSamples => (long)FrameSizes.Count * SamplesPerFrame;

    /// <summary>The time of day of the first played sample, for a timecode track; null: no timecode track.</summary>
    public Mp4Timecode? Timecode { get; init; }

    public void Validate()
    {
        if (FrameSizes.Count == 0)
        {
            throw new ArgumentException("an M4A track needs at least one frame");
        }
        if (MediaTime < 0 || PlayedSamples <= 0 || MediaTime + PlayedSamples > MediaSamples)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"samples {MediaTime}..{MediaTime + PlayedSamples} are not within the {MediaSamples} the {FrameSizes.Count} frames decode to"));
        }
    }
}
