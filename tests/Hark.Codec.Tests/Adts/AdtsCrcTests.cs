using Hark.Codec.Adts;

namespace Hark.Codec.Tests.Adts;

/// <summary>
/// ffmpeg cannot write protected ADTS, so CRC frames are built with Hark's writer and checked against a
/// bit-by-bit CRC-16 written independently here from the polynomial.
/// </summary>
public sealed class AdtsCrcTests
{
    [Fact]
    public void Table_crc_equals_bitwise_crc_on_the_standard_check_string()
    {
        var check = "123456789"u8;
        Assert.Equal(BitwiseCrc16(check), AdtsCrc.Compute(check));
        Assert.Equal(0xAEE7, AdtsCrc.Compute(check)); // CRC-16/CMS (poly 0x8005, init 0xFFFF, no reflection) check value
    }

    [Fact]
    public void Written_frames_carry_a_crc_an_independent_computation_agrees_with()
    {
        var format = new AdtsStreamFormat(2, 3, 2);
        var random = new Random(7);
        using var stream = new MemoryStream();
        var writer = new AdtsWriter(stream, format, withCrc: true);
        var payloads = Enumerable.Range(0, 50).Select(i => RandomBytes(random, 5 + i * 13)).ToList();
        foreach (var payload in payloads)
        {
            writer.Write(payload);
        }

        var frames = AdtsTestFiles.ReadAll(stream.ToArray(), out var reader);
        Assert.Equal(payloads.Count, frames.Count);
        Assert.Equal(0, reader.BytesSkipped);
        for (int i = 0; i < frames.Count; i++)
        {
            var (frame, _) = frames[i];
            Assert.True(frame.Header.HasCrc);
            Assert.Equal(9, frame.Header.HeaderLength);
            Assert.Equal(payloads[i], frame.Bytes[9..]);
            var covered = frame.Bytes[..7].Concat(payloads[i].Take(AdtsCrc.ProtectedPayloadBytes)).ToArray();
            Assert.Equal(BitwiseCrc16(covered), frame.Header.Crc);
            Assert.True(frame.CrcValid);
        }
    }

    [Fact]
    public void A_flipped_bit_in_the_protected_region_fails_the_crc()
    {
        var format = new AdtsStreamFormat(2, 4, 1);
        var bytes = new byte[200];
        int length = AdtsWriter.WriteFrame(format, RandomBytes(new Random(1), 100), withCrc: true, bytes);
        var frame = bytes[..length];
        frame[9 + 3] ^= 0x10;
        var frames = AdtsTestFiles.ReadAll(frame, out _);
        Assert.Single(frames);
        Assert.False(frames[0].Frame.CrcValid);

        using var stream = new MemoryStream(frame);
        var summary = AdtsInspector.Inspect(stream);
        Assert.True(summary.CrcPresent);
        Assert.Equal(1, summary.CrcInvalidFrames);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static ushort BitwiseCrc16(ReadOnlySpan<byte> data)
    {
        int crc = 0xFFFF;
        foreach (byte b in data)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                int inBit = (b >> bit) & 1;
                int top = (crc >> 15) & 1;
                crc = (crc << 1) & 0xFFFF;
                if ((top ^ inBit) != 0)
                {
                    crc ^= 0x8005;
                }
            }
        }
        return (ushort)crc;
    }
}
