using System.Buffers.Binary;

namespace Hark.Codec.Ogg;

/// <summary>
/// The fixed 27 bytes of an Ogg page (RFC 3533): "OggS", version 0, header type flags, the granule position, the
/// stream serial, the page sequence number, the CRC, and how many lacing values follow.
/// </summary>
public readonly record struct OggPageHeader(byte Flags, long GranulePosition, uint Serial, uint Sequence, uint Crc, byte Segments)
{
    public const int Length = 27;

    public bool Continued => (Flags & 0x01) != 0;
    public bool FirstPage => (Flags & 0x02) != 0;
    public bool LastPage => (Flags & 0x04) != 0;

    public static bool TryParse(ReadOnlySpan<byte> bytes, out OggPageHeader header)
    {
        header = default;
        if (bytes.Length < Length || !bytes[..4].SequenceEqual("OggS"u8) || bytes[4] != 0)
        {
            return false;
        }
        header = new OggPageHeader(
            bytes[5],
            BinaryPrimitives.ReadInt64LittleEndian(bytes[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[14..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[18..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[22..]),
            bytes[26]);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        "OggS"u8.CopyTo(destination);
        destination[4] = 0;
        destination[5] = Flags;
        BinaryPrimitives.WriteInt64LittleEndian(destination[6..], GranulePosition);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[14..], Serial);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[18..], Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[22..], Crc);
        destination[26] = Segments;
    }
}
