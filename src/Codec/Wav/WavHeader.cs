using System.Buffers.Binary;

namespace Hark.Codec.Wav;

/// <summary>The RIFF/WAVE header (RIFF, fmt, data chunk header) for integer or float PCM.</summary>
public static class WavHeader
{
    /// <summary>Data size to write when it is not known yet (a stream that cannot seek back).</summary>
    public const uint UnknownDataLength = uint.MaxValue;

    public static int LengthFor(WavFormat format) => 12 + 8 + (format.NeedsExtensible ? 40 : 16) + 8;

    /// <summary>Writes the header; returns its length (44, or 68 with WAVE_FORMAT_EXTENSIBLE).</summary>
    public static int Write(Span<byte> header, WavFormat format, uint dataBytes)
    {
        bool extensible = format.NeedsExtensible;
        int fmtLength = extensible ? 40 : 16;
        int headerLength = LengthFor(format);
        ushort tag = format.IsFloat ? WavFormat.FormatIeeeFloat : WavFormat.FormatPcm;
        uint riffSize = dataBytes == UnknownDataLength ? UnknownDataLength : (uint)(headerLength - 8 + dataBytes + (dataBytes & 1));
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(4), riffSize);
        "WAVE"u8.CopyTo(header.Slice(8));
        "fmt "u8.CopyTo(header.Slice(12));
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(16), (uint)fmtLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(20), extensible ? WavFormat.FormatExtensible : tag);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(22), (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(24), (uint)format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(28), (uint)format.ByteRate);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(32), (ushort)format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(34), (ushort)format.BitsPerSample);
        int position = 36;
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(36), 22);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(38), (ushort)format.ValidBitsPerSample);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(40), format.ChannelMask);
            // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {tag}-0000-0010-8000-00aa00389b71
            ReadOnlySpan<byte> subtypeGuid = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
            subtypeGuid.CopyTo(header.Slice(44));
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(44), tag);
            position = 60;
        }
        "data"u8.CopyTo(header.Slice(position));
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(position + 4), dataBytes);
        return position + 8;
    }
}
