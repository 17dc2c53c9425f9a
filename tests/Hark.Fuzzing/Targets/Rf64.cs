using System.Buffers.Binary;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// Rewrites a plain RIFF/WAVE file as RF64 (EBU 3306): "RF64", a ds64 chunk with the 64-bit sizes, and 0xFFFFFFFF
/// in the 32-bit RIFF and data sizes, as a recorder writes a file over 4 GiB.
/// </summary>
public static class Rf64
{
    public static byte[] Wrap(byte[] riff)
    {
        int dataAt = IndexOf(riff, "data"u8);
        long dataSize = BinaryPrimitives.ReadUInt32LittleEndian(riff.AsSpan(dataAt + 4));
        var ds64 = new byte[8 + 28];
        "ds64"u8.CopyTo(ds64);
        BinaryPrimitives.WriteUInt32LittleEndian(ds64.AsSpan(4), 28);
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(8), riff.Length + ds64.Length - 8);
        BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(16), dataSize);
        byte[] result = [.. riff.AsSpan(0, 12), .. ds64, .. riff.AsSpan(12)];
        "RF64"u8.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(dataAt + ds64.Length + 4), uint.MaxValue);
        return result;
    }

    /// <summary>Where the ds64 data size field is (to craft a size the file does not hold).</summary>
    public static int DataSizeOffset => 12 + 16;

    private static int IndexOf(byte[] riff, ReadOnlySpan<byte> id) => riff.AsSpan().IndexOf(id);
}
