using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

/// <summary>
/// Seeded mutation fuzzing: bit flips, truncations, length-field and header-field rewrites of valid frames, blocks
/// and files. Decoding must either succeed or report a rejection class (or, above the frame, a container error);
/// any other exception fails the test, and every decode is bounded by the input's size, so a hang would show as a
/// test timeout.
/// </summary>
public class LacFuzzTests
{
    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        switch (random.Next(6))
        {
            case 0:
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    int bit = random.Next(bytes.Length * 8);
                    bytes[bit / 8] ^= (byte)(0x80 >> (bit % 8));
                }
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                bytes[random.Next(Math.Min(7, bytes.Length))] = (byte)random.Next(256);
                return bytes;
            case 3:
                // a random u16/u24/u32-sized field rewrite anywhere (sample counts, block lengths)
                int at = random.Next(bytes.Length);
                for (int i = at; i < Math.Min(bytes.Length, at + random.Next(2, 5)); i++)
                {
                    bytes[i] = (byte)random.Next(256);
                }
                return bytes;
            case 4:
                int from = random.Next(bytes.Length);
                Array.Clear(bytes, from, Math.Min(bytes.Length - from, random.Next(1, 100)));
                return bytes;
            default:
                var longer = new byte[bytes.Length + random.Next(1, 64)];
                bytes.CopyTo(longer, 0);
                random.NextBytes(longer.AsSpan(bytes.Length));
                return longer;
        }
    }

    private static byte[] EncodeFrame(int[] samples)
    {
        var frame = new byte[LacFrameEncoder.MaxFrameLength(samples.Length)];
        return frame[..new LacFrameEncoder().Encode(samples, frame)];
    }

    [Fact]
    public void MutatedFramesDecodeOrReportAClass()
    {
        var random = new Random(20260404);
        byte[][] seeds =
        [
            EncodeFrame(LacFrameRoundTripTests.Make("sine", 1024)),
            EncodeFrame(LacFrameRoundTripTests.Make("noise", 512)),
            EncodeFrame(LacFrameRoundTripTests.Make("tone-24bit", 300)),
            EncodeFrame(LacFrameRoundTripTests.Make("impulses", 64)),
            .. LacVectors.All().Select(v => v.Bytes).Where(b => b.Length > 0),
        ];
        var output = new int[LacFrameHeader.MaxFrameSampleCount];
        var seen = new HashSet<LacRejection>();
        for (int i = 0; i < 4000; i++)
        {
            var mutated = Mutate(seeds[random.Next(seeds.Length)], random);
            var rejection = LacFrameDecoder.TryDecode(mutated, output, out int count, out int consumed);
            seen.Add(rejection);
            Assert.True(Enum.IsDefined(rejection));
            if (rejection == LacRejection.None)
            {
                Assert.InRange(count, 1, 65535);
                Assert.InRange(consumed, LacFrameHeader.FixedLength, mutated.Length);
                // whatever decodes must decode the same in the spec-literal reference decoder
                if (mutated.Length < 600)
                {
                    Assert.Equal(ReferenceLacDecoder.Decode(mutated).Samples, output[..count]);
                }
            }
            else
            {
                Assert.Equal(0, count);
                if (mutated.Length < 600)
                {
                    Assert.Equal(ReferenceLacDecoder.Decode(mutated).Rejection, rejection);
                }
            }
        }
        Assert.True(seen.Count >= 6, $"the mutations reached only {string.Join(", ", seen)}");
    }

    [Fact]
    public void MutatedBlocksDecodeOrThrowOnlyFormatErrors()
    {
        var random = new Random(7);
        var codec = new LacBlockCodec(new LacEncoderOptions { BlockSize = 512 });
        var interleaved = new int[512 * 2];
        for (int i = 0; i < 512; i++)
        {
            interleaved[2 * i] = (int)(9000 * Math.Sin(i * 0.07));
            interleaved[2 * i + 1] = (int)(8000 * Math.Sin(i * 0.07 + 0.3));
        }
        var block = new byte[LacBlockCodec.MaxBlockLength(512, 2)];
        block = block[..codec.EncodeBlock(interleaved, 2, block)];
        var output = new int[65535 * 2];
        for (int i = 0; i < 1500; i++)
        {
            var mutated = Mutate(block, random);
            try
            {
                int n = codec.DecodeBlock(mutated, 2, output);
                Assert.InRange(n, 1, 65535);
            }
            catch (LacFormatException e)
            {
                Assert.NotEqual(LacRejection.None, e.Rejection);
            }
            catch (LacContainerException)
            {
            }
        }
    }

    [Fact]
    public void MutatedFilesAlwaysReadToTheEndWithSilenceForDamage()
    {
        var random = new Random(99);
        var samples = new int[3000 * 2];
        for (int i = 0; i < 3000; i++)
        {
            samples[2 * i] = (int)(12000 * Math.Sin(i * 0.01));
            samples[2 * i + 1] = random.Next(-500, 500);
        }
        var file = new MemoryStream();
        using (var writer = new LacFileWriter(file, 48000, 2, 16, new LacEncoderOptions { BlockSize = 256 }, leaveOpen: true))
        {
            writer.Write(samples);
        }
        var bytes = file.ToArray();
        var buffer = new int[256 * 2];
        for (int i = 0; i < 400; i++)
        {
            var mutated = Mutate(bytes, random);
            LacFileReader reader;
            try
            {
                reader = new LacFileReader(new MemoryStream(mutated));
            }
            catch (LacContainerException)
            {
                continue; // the file header itself is damaged: nothing to recover from
            }
            long total = 0;
            int reads = 0;
            while (reader.ReadBlock(buffer) is int n and > 0)
            {
                total += n;
                Assert.True(++reads < 100_000, "the reader does not terminate");
            }
            if (reader.DamageCount == 0)
            {
                Assert.Equal(3000, total);
            }
            else
            {
                Assert.True(reader.Damage.Count > 0);
            }
        }
    }
}
