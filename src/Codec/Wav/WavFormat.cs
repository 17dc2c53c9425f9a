namespace Hark.Codec.Wav;

/// <summary>
/// The format of a RIFF/WAVE file: the fmt chunk (plain or WAVE_FORMAT_EXTENSIBLE) reduced to what a reader needs.
/// </summary>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="Channels">Interleaved channels.</param>
/// <param name="BitsPerSample">Container bits per sample (8, 16, 24, 32 or 64).</param>
/// <param name="ValidBitsPerSample">Significant bits (extensible files may use fewer than the container, e.g. 20 in 24).</param>
/// <param name="IsFloat">IEEE float samples (format 3, or the extensible float subformat).</param>
/// <param name="ChannelMask">Speaker positions from WAVE_FORMAT_EXTENSIBLE; 0 when absent.</param>
public readonly record struct WavFormat(int SampleRate, int Channels, int BitsPerSample, int ValidBitsPerSample, bool IsFloat, uint ChannelMask = 0)
{
    public const ushort FormatPcm = 1;
    public const ushort FormatIeeeFloat = 3;
    public const ushort FormatExtensible = 0xFFFE;

    /// <summary>Integer PCM with every bit significant.</summary>
    public static WavFormat Pcm(int sampleRate, int channels, int bitsPerSample) =>
        new(sampleRate, channels, bitsPerSample, bitsPerSample, false, DefaultChannelMask(channels));

    public int BytesPerSample => BitsPerSample / 8;
    public int BlockAlign => BytesPerSample * Channels;
    public long ByteRate => (long)BlockAlign * SampleRate;

    /// <summary>
    /// Whether the fmt chunk must be WAVE_FORMAT_EXTENSIBLE: more than two channels, more than 16 bits, or fewer valid
    /// bits than the container (Microsoft's rule for unambiguous files).
    /// </summary>
    public bool NeedsExtensible => Channels > 2 || BitsPerSample > 16 || ValidBitsPerSample != BitsPerSample;

    /// <summary>The usual speaker mask for a channel count (mono, stereo, 2.1, quad, 5.0, 5.1, 6.1, 7.1).</summary>
    public static uint DefaultChannelMask(int channels) => channels switch
    {
        1 => 0x4,
        2 => 0x3,
        3 => 0x7,
        4 => 0x33,
        5 => 0x37,
        6 => 0x3F,
        7 => 0x13F,
        8 => 0x63F,
        _ => 0,
    };

    /// <summary>Throws <see cref="WavFormatException"/> unless this is a format the reader and writer handle.</summary>
    public void Validate()
    {
        if (Channels is < 1 or > 65535)
        {
            throw new WavFormatException($"{Channels} channels");
        }
        if (SampleRate <= 0)
        {
            throw new WavFormatException($"sample rate {SampleRate}");
        }
        bool supported = IsFloat ? BitsPerSample is 32 or 64 : BitsPerSample is 8 or 16 or 24 or 32;
        if (!supported)
        {
            throw new WavFormatException($"{BitsPerSample}-bit {(IsFloat ? "float" : "integer")} samples are not supported");
        }
        if (ValidBitsPerSample < 1 || ValidBitsPerSample > BitsPerSample)
        {
            throw new WavFormatException($"{ValidBitsPerSample} valid bits in a {BitsPerSample}-bit container");
        }
    }

    public override string ToString() =>
        $"{SampleRate} Hz, {Channels} ch, {(IsFloat ? "float" : "int")}{ValidBitsPerSample}" +
        (ValidBitsPerSample != BitsPerSample ? $" in {BitsPerSample}" : "");
}

/// <summary>A RIFF/WAVE file the reader cannot use, or a format it does not support.</summary>
public sealed class WavFormatException(string message) : FormatException($"WAV: {message}");
