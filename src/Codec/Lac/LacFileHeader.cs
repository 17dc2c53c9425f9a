using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>
/// The 28-byte header of a .lac file (docs/lac-container.md): magic "HLAC", version, channels, bit depth,
/// sample rate, total samples per channel, nominal block size, and a CRC-32 of the first 24 bytes.
/// </summary>
public readonly struct LacFileHeader : IEquatable<LacFileHeader>
{
    public const int Length = 28;
    public const uint Magic = 0x484C4143; // "HLAC"
    public const byte CurrentVersion = 1;
    /// <summary>total_samples when the writer could not seek back to fill it in (a pipe).</summary>
    public const ulong UnknownTotalSamples = ulong.MaxValue;

    public LacFileHeader(int sampleRate, int channels, int bitsPerSample, ulong totalSamples, int blockSize, byte version = CurrentVersion)
    {
        Version = version;
        SampleRate = sampleRate;
        Channels = channels;
        BitsPerSample = bitsPerSample;
        TotalSamples = totalSamples;
        BlockSize = blockSize;
        var problem = Check();
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), problem);
        }
    }

    public byte Version { get; }
    public int SampleRate { get; }
    public int Channels { get; }
    /// <summary>The source's integer PCM depth: 8, 16, 20 or 24 (the frames themselves do not carry it, spec 1).</summary>
    public int BitsPerSample { get; }
    /// <summary>Samples per channel in the file, or <see cref="UnknownTotalSamples"/>.</summary>
    public ulong TotalSamples { get; }
    /// <summary>Samples per channel of every block but the last: the default frame size for silence substitution (spec 6.1).</summary>
    public int BlockSize { get; }

    public bool TotalSamplesKnown => TotalSamples != UnknownTotalSamples;
    public double DurationSeconds => TotalSamplesKnown ? (double)TotalSamples / SampleRate : double.NaN;

    public static bool IsSupportedBitDepth(int bits) => bits is 8 or 16 or 20 or 24;

    private string? Check()
    {
        if (Version != CurrentVersion)
        {
            return $"unsupported .lac version {Version} (this reader knows version {CurrentVersion})";
        }
        if (Channels is < 1 or > LacBlockCodec.MaxChannels)
        {
            return $"{Channels} channels (1-{LacBlockCodec.MaxChannels} allowed)";
        }
        if (!IsSupportedBitDepth(BitsPerSample))
        {
            return $"{BitsPerSample}-bit samples (8, 16, 20 or 24 allowed)";
        }
        if (SampleRate <= 0)
        {
            return $"sample rate {SampleRate}";
        }
        if (BlockSize is < 1 or > LacFrameHeader.MaxFrameSampleCount)
        {
            return $"block size {BlockSize} (1-65535 allowed)";
        }
        return null;
    }

    public static LacFileHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < Length)
        {
            throw new LacContainerException($"not a .lac file: {data.Length} bytes, the header alone is {Length}");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(data) != Magic)
        {
            throw new LacContainerException("not a .lac file (no HLAC magic)");
        }
        uint crc = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(24));
        if (LacCrc32.Compute(data.Slice(0, 24)) != crc)
        {
            throw new LacContainerException(".lac header CRC mismatch: the header is damaged");
        }
        if (data[7] != 0 || data[22] != 0 || data[23] != 0)
        {
            throw new LacContainerException(".lac header has non-zero reserved bytes");
        }
        try
        {
            return new LacFileHeader(
                (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data.Slice(8)), int.MaxValue), data[5], data[6],
                BinaryPrimitives.ReadUInt64BigEndian(data.Slice(12)), BinaryPrimitives.ReadUInt16BigEndian(data.Slice(20)), data[4]);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new LacContainerException($".lac header: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The header needs {Length} bytes.", nameof(destination));
        }
        BinaryPrimitives.WriteUInt32BigEndian(destination, Magic);
        destination[4] = Version;
        destination[5] = (byte)Channels;
        destination[6] = (byte)BitsPerSample;
        destination[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8), (uint)SampleRate);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(12), TotalSamples);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(20), (ushort)BlockSize);
        destination[22] = 0;
        destination[23] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(24), LacCrc32.Compute(destination.Slice(0, 24)));
        return Length;
    }

    public LacFileHeader WithTotalSamples(ulong total) => new(SampleRate, Channels, BitsPerSample, total, BlockSize, Version);

    public bool Equals(LacFileHeader other) =>
        Version == other.Version && SampleRate == other.SampleRate && Channels == other.Channels &&
        BitsPerSample == other.BitsPerSample && TotalSamples == other.TotalSamples && BlockSize == other.BlockSize;

    public override bool Equals(object? obj) => obj is LacFileHeader other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Version, SampleRate, Channels, BitsPerSample, TotalSamples, BlockSize);
    public static bool operator ==(LacFileHeader left, LacFileHeader right) => left.Equals(right);
    public static bool operator !=(LacFileHeader left, LacFileHeader right) => !left.Equals(right);
}
