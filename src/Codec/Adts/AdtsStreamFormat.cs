namespace Hark.Codec.Adts;

/// <summary>
/// What every frame of one AAC stream shares: object type, sampling frequency index and channel configuration.
/// Converts to and from the 2-byte AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) that MP4 and decoders use.
/// </summary>
public readonly record struct AdtsStreamFormat(int ObjectType, int SamplingFrequencyIndex, int ChannelConfiguration)
{
    public int SampleRate => AdtsSampleRates.FromIndex(SamplingFrequencyIndex);

    public static AdtsStreamFormat From(in AdtsHeader header) =>
        new(header.ObjectType, header.SamplingFrequencyIndex, header.ChannelConfiguration);

    public static AdtsStreamFormat FromAudioSpecificConfig(ReadOnlySpan<byte> config)
    {
        if (config.Length < 2)
        {
            throw new FormatException("AudioSpecificConfig needs at least 2 bytes.");
        }
        int objectType = config[0] >> 3;
        int frequencyIndex = ((config[0] & 0x07) << 1) | (config[1] >> 7);
        int channels = (config[1] >> 3) & 0x0F;
        if (objectType is < 1 or > 4 || !AdtsSampleRates.IsValidIndex(frequencyIndex) || channels > 7)
        {
            throw new FormatException(
                $"AudioSpecificConfig (object type {objectType}, frequency index {frequencyIndex}, channels {channels}) cannot be carried in ADTS.");
        }
        return new AdtsStreamFormat(objectType, frequencyIndex, channels);
    }

    public byte[] ToAudioSpecificConfig() =>
    [
        (byte)((ObjectType << 3) | (SamplingFrequencyIndex >> 1)),
        (byte)(((SamplingFrequencyIndex & 1) << 7) | (ChannelConfiguration << 3)),
    ];
}
