using System.Buffers.Binary;

namespace Hark.Codec.Adts;

/// <summary>
/// One ADTS frame header (ISO/IEC 13818-7 adts_fixed_header + adts_variable_header + adts_error_check),
/// 7 bytes, or 9 when protection_absent = 0 and a CRC follows.
/// </summary>
/// <remarks>
/// Every field of the wire format is kept as read, so <see cref="WriteTo"/> reproduces the exact bytes
/// of any header <see cref="TryParse"/> accepted. Values are stored as they appear on the wire
/// (profile is object type - 1, raw block count is blocks - 1); derived properties give the decoded meaning.
/// </remarks>
public readonly struct AdtsHeader : IEquatable<AdtsHeader>
{
    public const int Syncword = 0xFFF;
    public const int MinimumLength = 7;
    public const int ProtectedLength = 9;
    public const int MaxFrameLength = (1 << 13) - 1;
    public const int BufferFullnessVbr = 0x7FF;
    public const int SamplesPerRawDataBlock = 1024;

    public AdtsHeader(
        int mpegVersion, int layer, bool protectionAbsent, int profile, int samplingFrequencyIndex,
        bool privateBit, int channelConfiguration, bool originality, bool home, bool copyrightIdBit,
        bool copyrightIdStart, int frameLength, int bufferFullness, int rawDataBlocks, ushort crc = 0)
    {
        MpegVersion = (byte)mpegVersion;
        Layer = (byte)layer;
        ProtectionAbsent = protectionAbsent;
        Profile = (byte)profile;
        SamplingFrequencyIndex = (byte)samplingFrequencyIndex;
        PrivateBit = privateBit;
        ChannelConfiguration = (byte)channelConfiguration;
        Originality = originality;
        Home = home;
        CopyrightIdBit = copyrightIdBit;
        CopyrightIdStart = copyrightIdStart;
        FrameLength = (ushort)frameLength;
        BufferFullness = (ushort)bufferFullness;
        RawDataBlocks = (byte)rawDataBlocks;
        Crc = crc;
    }

    /// <summary>ID bit: 0 = MPEG-4, 1 = MPEG-2.</summary>
    public byte MpegVersion { get; }
    /// <summary>Always 0 in a valid stream.</summary>
    public byte Layer { get; }
    /// <summary>True when no CRC follows the header.</summary>
    public bool ProtectionAbsent { get; }
    /// <summary>MPEG-4 audio object type minus one (1 = AAC LC).</summary>
    public byte Profile { get; }
    public byte SamplingFrequencyIndex { get; }
    public bool PrivateBit { get; }
    /// <summary>0 = channel layout given in-band by a program config element.</summary>
    public byte ChannelConfiguration { get; }
    public bool Originality { get; }
    public bool Home { get; }
    public bool CopyrightIdBit { get; }
    public bool CopyrightIdStart { get; }
    /// <summary>Whole frame in bytes: header, CRC and payload.</summary>
    public ushort FrameLength { get; }
    /// <summary>0x7FF signals a variable bit rate stream.</summary>
    public ushort BufferFullness { get; }
    /// <summary>number_of_raw_data_blocks_in_frame: raw data blocks minus one.</summary>
    public byte RawDataBlocks { get; }
    /// <summary>crc_check as read; meaningful only when <see cref="ProtectionAbsent"/> is false.</summary>
    public ushort Crc { get; }

    public bool HasCrc => !ProtectionAbsent;
    public int HeaderLength => ProtectionAbsent ? MinimumLength : ProtectedLength;
    public int PayloadLength => FrameLength - HeaderLength;
    public int ObjectType => Profile + 1;
    public int SampleRate => AdtsSampleRates.FromIndex(SamplingFrequencyIndex);
    /// <summary>Channels implied by the channel configuration; 0 when a PCE defines them in-band.</summary>
    public int Channels => ChannelConfiguration == 7 ? 8 : ChannelConfiguration;
    public int SamplesPerFrame => (RawDataBlocks + 1) * SamplesPerRawDataBlock;
    public double DurationSeconds => SampleRate == 0 ? 0 : (double)SamplesPerFrame / SampleRate;
    public double BitRate => SampleRate == 0 ? 0 : FrameLength * 8.0 * SampleRate / SamplesPerFrame;
    public bool IsVariableBitRate => BufferFullness == BufferFullnessVbr;
    public string ProfileName => AdtsProfiles.Name(MpegVersion, Profile);

    /// <summary>Parses a header from the start of <paramref name="source"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> source, out AdtsHeader header, out AdtsHeaderError error)
    {
        header = default;
        if (source.Length < MinimumLength)
        {
            error = AdtsHeaderError.TooShort;
            return false;
        }
        if (source[0] != 0xFF || (source[1] & 0xF0) != 0xF0)
        {
            error = AdtsHeaderError.BadSyncword;
            return false;
        }
        int layer = (source[1] >> 1) & 0x03;
        if (layer != 0)
        {
            error = AdtsHeaderError.ReservedLayer;
            return false;
        }
        int frequencyIndex = (source[2] >> 2) & 0x0F;
        if (!AdtsSampleRates.IsValidIndex(frequencyIndex))
        {
            error = AdtsHeaderError.InvalidSamplingFrequencyIndex;
            return false;
        }
        bool protectionAbsent = (source[1] & 0x01) != 0;
        int headerLength = protectionAbsent ? MinimumLength : ProtectedLength;
        if (source.Length < headerLength)
        {
            error = AdtsHeaderError.TooShort;
            return false;
        }
        int frameLength = ((source[3] & 0x03) << 11) | (source[4] << 3) | (source[5] >> 5);
        if (frameLength < headerLength)
        {
            error = AdtsHeaderError.FrameLengthShorterThanHeader;
            return false;
        }
        header = new AdtsHeader(
            mpegVersion: (source[1] >> 3) & 0x01,
            layer: layer,
            protectionAbsent: protectionAbsent,
            profile: source[2] >> 6,
            samplingFrequencyIndex: frequencyIndex,
            privateBit: (source[2] & 0x02) != 0,
            channelConfiguration: ((source[2] & 0x01) << 2) | (source[3] >> 6),
            originality: (source[3] & 0x20) != 0,
            home: (source[3] & 0x10) != 0,
            copyrightIdBit: (source[3] & 0x08) != 0,
            copyrightIdStart: (source[3] & 0x04) != 0,
            frameLength: frameLength,
            bufferFullness: ((source[5] & 0x1F) << 6) | (source[6] >> 2),
            rawDataBlocks: source[6] & 0x03,
            crc: protectionAbsent ? (ushort)0 : BinaryPrimitives.ReadUInt16BigEndian(source[7..]));
        error = AdtsHeaderError.None;
        return true;
    }

    public static AdtsHeader Parse(ReadOnlySpan<byte> source) =>
        TryParse(source, out var header, out var error) ? header : throw new AdtsFormatException(error);

    /// <summary>Writes the header (and CRC field when protected); returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < HeaderLength)
        {
            throw new ArgumentException($"ADTS header needs {HeaderLength} bytes, the destination has {destination.Length}.", nameof(destination));
        }
        destination[0] = 0xFF;
        destination[1] = (byte)(0xF0 | (MpegVersion << 3) | (Layer << 1) | (ProtectionAbsent ? 1 : 0));
        destination[2] = (byte)((Profile << 6) | (SamplingFrequencyIndex << 2) | (PrivateBit ? 0x02 : 0) | (ChannelConfiguration >> 2));
        destination[3] = (byte)(((ChannelConfiguration & 0x03) << 6) | (Originality ? 0x20 : 0) | (Home ? 0x10 : 0)
            | (CopyrightIdBit ? 0x08 : 0) | (CopyrightIdStart ? 0x04 : 0) | (FrameLength >> 11));
        destination[4] = (byte)(FrameLength >> 3);
        destination[5] = (byte)(((FrameLength & 0x07) << 5) | (BufferFullness >> 6));
        destination[6] = (byte)(((BufferFullness & 0x3F) << 2) | RawDataBlocks);
        if (!ProtectionAbsent)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[7..], Crc);
        }
        return HeaderLength;
    }

    public AdtsHeader WithFrameLength(int frameLength) => new(
        MpegVersion, Layer, ProtectionAbsent, Profile, SamplingFrequencyIndex, PrivateBit, ChannelConfiguration,
        Originality, Home, CopyrightIdBit, CopyrightIdStart, frameLength, BufferFullness, RawDataBlocks, Crc);

    public AdtsHeader WithCrc(ushort crc) => new(
        MpegVersion, Layer, ProtectionAbsent, Profile, SamplingFrequencyIndex, PrivateBit, ChannelConfiguration,
        Originality, Home, CopyrightIdBit, CopyrightIdStart, FrameLength, BufferFullness, RawDataBlocks, crc);

    /// <summary>True when the fields that must stay constant through a stream match.</summary>
    public bool HasSameFixedFields(in AdtsHeader other) =>
        MpegVersion == other.MpegVersion && Layer == other.Layer && ProtectionAbsent == other.ProtectionAbsent
        && Profile == other.Profile && SamplingFrequencyIndex == other.SamplingFrequencyIndex
        && ChannelConfiguration == other.ChannelConfiguration;

    public bool Equals(AdtsHeader other) =>
        HasSameFixedFields(other) && PrivateBit == other.PrivateBit && Originality == other.Originality
        && Home == other.Home && CopyrightIdBit == other.CopyrightIdBit && CopyrightIdStart == other.CopyrightIdStart
        && FrameLength == other.FrameLength && BufferFullness == other.BufferFullness
        && RawDataBlocks == other.RawDataBlocks && Crc == other.Crc;

    public override bool Equals(object? obj) => obj is AdtsHeader other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(MpegVersion, Profile, SamplingFrequencyIndex, ChannelConfiguration, FrameLength, BufferFullness, Crc);

    public static bool operator ==(AdtsHeader left, AdtsHeader right) => left.Equals(right);
    public static bool operator !=(AdtsHeader left, AdtsHeader right) => !left.Equals(right);

    public override string ToString() =>
        $"ADTS {ProfileName} {SampleRate} Hz ch={ChannelConfiguration} len={FrameLength}{(HasCrc ? $" crc=0x{Crc:X4}" : "")}";
}
