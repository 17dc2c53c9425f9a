using System.Buffers.Binary;

namespace Hark.Codec.Tiff;

/// <summary>
/// A little-endian TIFF's header: classic TIFF 6.0 ("II", 42, a 32-bit offset of the first IFD; 8 bytes) or BigTIFF
/// ("II", 43, offset size 8, 0, a 64-bit offset; 16 bytes), which lifts the 4 GiB limit.
/// </summary>
public readonly struct TiffHeader
{
    public const int ClassicLength = 8;
    public const int BigLength = 16;

    public TiffHeader(bool isBig, long firstIfdOffset)
    {
        IsBig = isBig;
        FirstIfdOffset = firstIfdOffset;
    }

    public bool IsBig { get; }
    public long FirstIfdOffset { get; }
    public int Length => IsBig ? BigLength : ClassicLength;

    public static TiffHeader Parse(ReadOnlySpan<byte> source)
    {
        if (source.Length < ClassicLength || source[0] != (byte)'I' || source[1] != (byte)'I')
        {
            throw new TiffFormatException(source.Length >= 2 && source[0] == 'M' && source[1] == 'M'
                ? "big-endian (MM) files are not read" : "not a TIFF file");
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2));
        if (version == 42)
        {
            return new TiffHeader(false, BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(4)));
        }
        if (version != 43 || source.Length < BigLength)
        {
            throw new TiffFormatException($"version {version} is neither TIFF (42) nor BigTIFF (43)");
        }
        if (BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(4)) != 8)
        {
            throw new TiffFormatException("BigTIFF offsets other than 8 bytes");
        }
        long offset = BinaryPrimitives.ReadInt64LittleEndian(source.Slice(8));
        return offset < 0 ? throw new TiffFormatException("first IFD offset past 2^63") : new TiffHeader(true, offset);
    }

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)'I';
        destination[1] = (byte)'I';
        if (IsBig)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(2), 43);
            BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(4), 8);
            BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(6), 0);
            BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(8), FirstIfdOffset);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(2), 42);
            BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(4), checked((uint)FirstIfdOffset));
        }
    }
}
