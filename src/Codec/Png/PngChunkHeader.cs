using System.Buffers.Binary;

namespace Hark.Codec.Png;

/// <summary>
/// The eight bytes before a PNG chunk's data (ISO/IEC 15948 §5.3): the data length, big-endian, and the four-letter
/// chunk type. The CRC-32 after the data covers the type and the data, not the length.
/// </summary>
public readonly struct PngChunkHeader
{
    public const int Length = 8;

    /// <summary>The largest data length a chunk may declare (2^31 - 1).</summary>
    public const int MaxDataLength = int.MaxValue;

    public PngChunkHeader(int dataLength, uint type)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataLength);
        DataLength = dataLength;
        Type = type;
    }

    public int DataLength { get; }

    /// <summary>The chunk type's four ASCII letters as a big-endian integer (IHDR = 0x49484452).</summary>
    public uint Type { get; }

    public static uint TypeOf(ReadOnlySpan<byte> letters) => BinaryPrimitives.ReadUInt32BigEndian(letters);

    public static PngChunkHeader Parse(ReadOnlySpan<byte> source)
    {
        if (source.Length < Length)
        {
            throw new PngFormatException($"a chunk header needs {Length} bytes, {source.Length} given");
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(source);
        if (length > MaxDataLength)
        {
            throw new PngFormatException($"chunk length {length} exceeds 2^31 - 1");
        }
        return new PngChunkHeader((int)length, BinaryPrimitives.ReadUInt32BigEndian(source.Slice(4)));
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)DataLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4), Type);
    }
}
