using System.Buffers.Binary;
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
    public void Hardware_and_portable_paths_agree_on_every_length()
    {
        var data = new byte[1000];
        new Random(5).NextBytes(data);
        for (int length = 0; length < 100; length++)
        {
            Assert.Equal(Crc32C.ComputePortable(data.AsSpan(0, length)), Crc32C.Compute(data.AsSpan(0, length)));
        }
        Assert.Equal(Crc32C.ComputePortable(data), Crc32C.Compute(data));
        Assert.Equal(Crc32C.Compute(data), ~Crc32C.Update(Crc32C.Update(0xFFFFFFFF, data.AsSpan(0, 333)), data.AsSpan(333)));
        _ = BinaryPrimitives.ReverseEndianness(0u);
    }
}
