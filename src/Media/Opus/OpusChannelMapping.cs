namespace Hark.Media.Opus;

/// <summary>
/// RFC 7845 channel mapping family 1 (section 5.1.1.2) for 3 to 8 channels: the streams libopus's surround encoder
/// makes, which stream channel each output channel comes from, and the channel order. Family 1 orders channels as Vorbis
/// does (5.1: FL C FR RL RR LFE); Hark stores them as ffmpeg decodes them, in WAV order (5.1: FL FR FC LFE BL BR), so
/// the encoder and decoder permute, with the table ffmpeg's own Opus and Vorbis code use, and a recording's channels
/// stay in the order of its source. Mono and stereo are family 0: one stream, no table, no permutation.
/// </summary>
/// <param name="Streams">Opus streams in each packet.</param>
/// <param name="CoupledStreams">How many of them are stereo.</param>
/// <param name="Mapping">For each output channel (Vorbis order), the decoded stream channel it is.</param>
public sealed record OpusChannelMapping(int Channels, byte Family, int Streams, int CoupledStreams, byte[] Mapping)
{
    /// <summary>libopus's vorbis_mappings (opus_multistream_encoder.c): streams, coupled streams, mapping, by channel count.</summary>
    private static readonly (int Streams, int Coupled, byte[] Mapping)[] Surround =
    [
        (2, 1, [0, 2, 1]),
        (2, 2, [0, 1, 2, 3]),
        (3, 2, [0, 4, 1, 2, 3]),
        (4, 2, [0, 4, 1, 2, 3, 5]),
        (4, 3, [0, 4, 1, 2, 3, 5, 6]),
        (5, 3, [0, 6, 1, 2, 3, 4, 5, 7]),
    ];

    /// <summary>
    /// Where WAV-order channel i sits in Vorbis order (ffmpeg's ff_vorbis_channel_layout_offsets): 5.1's FR, channel 1,
    /// is Vorbis channel 2. Assumes the source's channels are the standard layout for their count (3.0, quad, 5.0, 5.1,
    /// 6.1, 7.1), which is what ffmpeg decodes a multichannel WAV or FLAC to.
    /// </summary>
    private static readonly byte[][] VorbisPosition =
    [
        [0, 2, 1],
        [0, 1, 2, 3],
        [0, 2, 1, 3, 4],
        [0, 2, 1, 5, 3, 4],
        [0, 2, 1, 6, 5, 3, 4],
        [0, 2, 1, 7, 5, 6, 3, 4],
    ];

    public bool IsMultistream => Family != 0;

    public static OpusChannelMapping For(int channels)
    {
        if (!OpusFormat.IsSupported(channels))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, $"Opus in Hark carries 1 to {OpusFormat.MaxChannels} channels");
        }
        if (channels <= 2)
        {
            return new OpusChannelMapping(channels, 0, 1, channels - 1, channels == 1 ? [0] : [0, 1]);
        }
        var (streams, coupled, mapping) = Surround[channels - 3];
        return new OpusChannelMapping(channels, 1, streams, coupled, mapping);
    }

    /// <summary>Hark's (WAV) order into Vorbis order, one frame of <paramref name="samples"/> samples per channel.</summary>
    public void ToVorbis(ReadOnlySpan<float> wav, Span<float> vorbis, int samples)
    {
        var position = VorbisPosition[Channels - 3];
        for (int s = 0; s < samples; s++)
        {
            int at = s * Channels;
            for (int c = 0; c < Channels; c++)
            {
                vorbis[at + position[c]] = wav[at + c];
            }
        }
    }

    /// <summary>Vorbis order back into Hark's (WAV) order.</summary>
    public void FromVorbis(ReadOnlySpan<float> vorbis, Span<float> wav, int samples)
    {
        var position = VorbisPosition[Channels - 3];
        for (int s = 0; s < samples; s++)
        {
            int at = s * Channels;
            for (int c = 0; c < Channels; c++)
            {
                wav[at + c] = vorbis[at + position[c]];
            }
        }
    }
}
