namespace Hark.Codec.Adts;

/// <summary>
/// CRC-16 of ADTS error checking (ISO/IEC 11172-3 2.4.3.1: polynomial 0x8005, initial value 0xFFFF, MSB first,
/// no reflection, no final xor).
/// </summary>
/// <remarks>
/// ISO/IEC 13818-7 protects the 56 header bits plus the error-sensitive leading bits of each syntax element
/// of the raw data block. Finding those bits needs a full AAC bitstream parser, which a container layer has
/// no business holding; Hark protects the header plus the first <see cref="ProtectedPayloadBytes"/> bytes of
/// the payload (192 bits, the standard's figure for one channel element) and documents that choice.
/// </remarks>
public static class AdtsCrc
{
    public const int ProtectedPayloadBytes = 24;
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data, ushort crc = 0xFFFF)
    {
        foreach (byte b in data)
        {
            crc = (ushort)((crc << 8) ^ Table[(crc >> 8) ^ b]);
        }
        return crc;
    }

    /// <summary>The CRC a frame should carry: header bytes 0..6 and the protected start of the payload.</summary>
    public static ushort ForFrame(ReadOnlySpan<byte> headerFirstSeven, ReadOnlySpan<byte> payload)
    {
        var crc = Compute(headerFirstSeven[..AdtsHeader.MinimumLength]);
        return Compute(payload[..Math.Min(payload.Length, ProtectedPayloadBytes)], crc);
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort value = (ushort)(i << 8);
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 0x8000) != 0 ? (ushort)((value << 1) ^ 0x8005) : (ushort)(value << 1);
            }
            table[i] = value;
        }
        return table;
    }
}
