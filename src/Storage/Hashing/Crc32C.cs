using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Hark.Storage.Hashing;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of the Zarr v3 <c>crc32c</c> codec.
/// System.IO.Hashing has no Castagnoli variant, so this uses the CPU's CRC32 instructions (SSE4.2 / ARMv8)
/// and a byte table elsewhere.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);

    /// <summary>Continues a running CRC state (start at 0xFFFFFFFF, finish with bitwise not).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(data);
            ulong wide = crc;
            foreach (var w in words)
            {
                wide = Sse42.X64.Crc32(wide, BitConverter.IsLittleEndian ? w : BinaryPrimitives.ReverseEndianness(w));
            }
            crc = (uint)wide;
            foreach (var b in data.Slice(words.Length * 8))
            {
                crc = Sse42.Crc32(crc, b);
            }
            return crc;
        }
        if (Crc32.Arm64.IsSupported)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(data);
            foreach (var w in words)
            {
                crc = Crc32.Arm64.ComputeCrc32C(crc, w);
            }
            foreach (var b in data.Slice(words.Length * 8))
            {
                crc = Crc32.ComputeCrc32C(crc, b);
            }
            return crc;
        }
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }

    /// <summary>The portable path, exposed so tests can check it against the hardware path.</summary>
    internal static uint ComputePortable(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }
}
