using System.Text;
using Hark.Storage.Hashing;

namespace Hark.Storage.Tests.Zarr;

public sealed class Crc32CTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xE3069283u)]          // the standard check value of CRC-32C
    [InlineData("a", 0xC1D04330u)]
    public void Known_values(string text, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Thirty_two_zero_bytes_match_rfc_3720()
    {
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void Hardware_and_portable_paths_agree_with_a_bitwise_reference_at_every_length_and_alignment()
    {
        // The check value first, so the reference itself is known to be CRC-32C.
        Assert.Equal(0xE3069283u, BitwiseReference(Encoding.ASCII.GetBytes("123456789")));
        var data = new byte[1100];
        new Random(5).NextBytes(data);
        // Offsets 0-7 start the 8-byte hardware loop on every alignment; lengths cover the byte tail and several words.
        for (int offset = 0; offset < 8; offset++)
        {
            foreach (int length in Enumerable.Range(0, 100).Concat([255, 256, 257, 1000, 1092 - offset]))
            {
                var slice = data.AsSpan(offset, length);
                uint expected = BitwiseReference(slice);
                Assert.Equal(expected, Crc32C.Compute(slice));
                Assert.Equal(expected, Crc32C.ComputePortable(slice));
            }
        }
    }

    [Fact]
    public void Update_continues_a_running_crc_across_any_split()
    {
        var data = new byte[1000];
        new Random(6).NextBytes(data);
        uint whole = BitwiseReference(data);
        foreach (int split in new[] { 0, 1, 7, 8, 9, 333, 999, 1000 })
        {
            Assert.Equal(whole, ~Crc32C.Update(Crc32C.Update(0xFFFFFFFF, data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }

    /// <summary>CRC-32C one bit at a time from the reflected polynomial: no table and no CPU instruction shared with the code under test.</summary>
    private static uint BitwiseReference(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }
        return ~crc;
    }
}
