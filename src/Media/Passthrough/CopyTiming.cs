using Hark.Media.Probe;

namespace Hark.Media.Passthrough;

/// <summary>
/// Where a copied stream's played samples start and how many there are, as its container says: Apple's iTunSMPB
/// when present (priming and the original length), else the first packet's skip (edit list, CodecDelay, pre-skip)
/// and the container's sample count (an MP4 edit list's duration). A null length means the frames decide.
/// </summary>
public sealed record CopyTiming(int PrimingSamples, long? TotalSamples)
{
    /// <summary>Samples of the last packet that are padding, when the container marks them (Ogg's final granule,
    /// Matroska's DiscardPadding): Opus only, whose length is otherwise its packets' less pre-skip.</summary>
    public long EndPaddingSamples { get; init; }

    /// <summary>The first packet's length in samples as the container states it (Opus: whether it is 20 ms).</summary>
    public long? FirstPacketSamples { get; init; }

    /// <summary>More priming than any encoder uses (AAC: 1024 or 2112; Opus: a few hundred): beyond it a file lies.</summary>
    public const int MaxPrimingSamples = 1 << 16;

    public static async Task<CopyTiming> ProbeAsync(SourceInfo source, CancellationToken ct)
    {
        if (source.CodecName == "opus")
        {
            // The pre-skip comes with the packets (OpusHead); an MP4 edit list states the length, others mark the
            // end padding on the last packet.
            bool mp4 = source.FormatName.Contains("mp4", StringComparison.Ordinal);
            long padding = mp4 ? 0 : await PacketProbe.EndPaddingAsync(source, ct).ConfigureAwait(false);
            return new CopyTiming(0, mp4 ? source.ContainerSamples : null)
            {
                EndPaddingSamples = padding,
                FirstPacketSamples = await PacketProbe.FirstPacketSamplesAsync(source, ct).ConfigureAwait(false),
            };
        }
        if (ITunSmpb.TryParse(source.ITunSmpb, out var gapless) && gapless.PrimingSamples <= MaxPrimingSamples)
        {
            return new CopyTiming(gapless.PrimingSamples, gapless.OriginalSamples);
        }
        long skipped = await PacketProbe.SkippedSamplesAsync(source, ct).ConfigureAwait(false);
        if (skipped > MaxPrimingSamples)
        {
            throw new Errors.UnsupportedMediaException(
                $"{Path.GetFileName(source.Path)}: its container skips {skipped} samples before the first one played, more than any encoder's priming");
        }
        return new CopyTiming((int)skipped, source.ContainerSamples);
    }
}
