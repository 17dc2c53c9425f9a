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
        int unchanged = 0;
        for (int i = 0; i < 1500; i++)
        {
            var mutated = Mutate(block, random);
            try
            {
                int n = codec.DecodeBlock(mutated, 2, output);
                Assert.InRange(n, 1, 65535);
                if (mutated.AsSpan().SequenceEqual(block))
                {
                    // A mutation that changed nothing (a byte rewritten with its own value, zeros cleared) must
                    // decode to the original: the range check alone would pass a decoder that returns garbage.
                    unchanged++;
                    Assert.Equal(512, n);
                    Assert.True(interleaved.AsSpan().SequenceEqual(output.AsSpan(0, 1024)), $"mutation {i} left the block intact but it decoded differently");
                }
            }
            catch (LacFormatException e)
            {
                Assert.NotEqual(LacRejection.None, e.Rejection);
            }
            catch (LacContainerException)
            {
            }
        }
        Assert.True(unchanged > 0, "no mutation left the block intact, so the exactness check never ran");
    }

    [Fact]
    public void MutatedFilesAlwaysReadToTheEndWithSilenceForDamage()
    {
        const int blockSize = 256;
        const int length = 3000;
        var random = new Random(99);
        var (samples, bytes) = StereoFile(length, blockSize, random);
        var records = RecordSpans(bytes);
        Assert.Equal((length + blockSize - 1) / blockSize, records.Count);
        var buffer = new int[blockSize * 2];
        int damagedFiles = 0;
        for (int i = 0; i < 400; i++)
        {
            var mutated = Mutate(bytes, random);
            if (mutated.Length < LacFileHeader.Length || !mutated.AsSpan(0, LacFileHeader.Length).SequenceEqual(bytes.AsSpan(0, LacFileHeader.Length)))
            {
                // The header is checked by its CRC: without a trustworthy header there is nothing to recover from.
                Assert.Throws<LacContainerException>(() => new LacFileReader(new MemoryStream(mutated)));
                continue;
            }
            using var reader = new LacFileReader(new MemoryStream(mutated));
            var decoded = new List<int>(samples.Length);
            while (reader.ReadBlock(buffer) is int n and > 0)
            {
                decoded.AddRange(buffer.AsSpan(0, n * 2));
                Assert.True(decoded.Count <= samples.Length, $"mutation {i}: the reader gave more than the header's {length} samples");
            }

            // The full length whatever the damage: the header states it, and lost periods are filled.
            Assert.Equal(samples.Length, decoded.Count);
            long silenced = 0;
            bool anyTouched = false;
            for (int block = 0; block < records.Count; block++)
            {
                int from = block * blockSize * 2;
                int count = Math.Min(blockSize * 2, samples.Length - from);
                var expected = samples.AsSpan(from, count);
                var actual = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(decoded).Slice(from, count);
                var (start, end) = records[block];
                bool touched = mutated.Length < end || !mutated.AsSpan(start, end - start).SequenceEqual(bytes.AsSpan(start, end - start));
                anyTouched |= touched;
                if (touched)
                {
                    // A block whose record bytes changed fails its CRC (or is cut off): its whole period is silence.
                    Assert.True(actual.IndexOfAnyExcept(0) < 0, $"mutation {i}: damaged block {block} is not silence");
                    silenced += count / 2;
                }
                else
                {
                    Assert.True(expected.SequenceEqual(actual), $"mutation {i}: undamaged block {block} is not bit-exact");
                }
            }
            Assert.Equal(silenced, reader.SilencedSamples);
            if (anyTouched)
            {
                damagedFiles++;
                Assert.NotEqual(0, reader.DamageCount);
            }
            else if (mutated.Length == bytes.Length)
            {
                Assert.Equal(0, reader.DamageCount);
            }
        }
        Assert.True(damagedFiles > 100, $"only {damagedFiles} of the mutated files had a damaged block");
    }

    /// <summary>
    /// Reading on several jobs decodes runs of intact blocks at once and must change nothing: on damaged files (some
    /// with a block altered behind a repaired CRC, so a batch meets a rejected frame) the samples, every damage entry,
    /// the counters and any exception are those of one job.
    /// </summary>
    [Fact]
    public void MutatedFilesReadTheSameOnManyJobsAsOnOne()
    {
        var random = new Random(7);
        var (_, bytes) = StereoFile(20000, 256, random);
        var records = RecordSpans(bytes);
        for (int i = 0; i < 250; i++)
        {
            var mutated = i == 0 ? bytes : Mutate(bytes, random);
            if (i % 2 == 1)
            {
                var (start, end) = records[random.Next(records.Count)];
                if (end <= mutated.Length)
                {
                    mutated[random.Next(start + LacBlockRecord.PrefixLength, end - LacBlockRecord.CrcLength)] ^= (byte)random.Next(1, 256);
                    uint crc = LacBlockRecord.ComputeCrc(mutated.AsSpan(start), mutated.AsSpan(start + LacBlockRecord.PrefixLength,
                        end - start - LacBlockRecord.Overhead));
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(mutated.AsSpan(end - LacBlockRecord.CrcLength), crc);
                }
            }
            foreach (bool strict in new[] { false, true })
            {
                Assert.Equal(ReadAll(mutated, strict, jobs: 1), ReadAll(mutated, strict, jobs: 3));
            }
        }
    }

    private static string ReadAll(byte[] file, bool strict, int jobs)
    {
        var text = new System.Text.StringBuilder();
        try
        {
            using var reader = new LacFileReader(new MemoryStream(file), strict: strict, jobs: jobs);
            var buffer = new int[reader.Header.BlockSize * reader.Header.Channels];
            while (reader.ReadBlock(buffer) is int n and > 0)
            {
                text.Append(n).Append(':').AppendJoin(',', buffer.AsSpan(0, n * reader.Header.Channels).ToArray()).Append('\n');
            }
            text.Append($"blocks {reader.BlocksDecoded} read {reader.SamplesRead} silenced {reader.SilencedSamples} skipped {reader.SkippedBytes} damage {reader.DamageCount}\n");
            foreach (var damage in reader.Damage)
            {
                text.Append(damage).Append('\n');
            }
        }
        catch (Exception e) when (e is LacContainerException or LacFormatException)
        {
            text.Append($"{e.GetType().Name}: {e.Message}");
        }
        return text.ToString();
    }

    /// <summary>A tone on the left and noise on the right, written as a 48 kHz 16-bit .lac file.</summary>
    private static (int[] Samples, byte[] File) StereoFile(int length, int blockSize, Random random)
    {
        var samples = new int[length * 2];
        for (int i = 0; i < length; i++)
        {
            samples[2 * i] = (int)(12000 * Math.Sin(i * 0.01));
            samples[2 * i + 1] = random.Next(-500, 500);
        }
        var file = new MemoryStream();
        using (var writer = new LacFileWriter(file, 48000, 2, 16, new LacEncoderOptions { BlockSize = blockSize }, leaveOpen: true))
        {
            writer.Write(samples);
        }
        return (samples, file.ToArray());
    }

    /// <summary>Where each block record of an intact file starts and ends, from its own length fields.</summary>
    private static List<(int Start, int End)> RecordSpans(byte[] intact)
    {
        var spans = new List<(int, int)>();
        for (int at = LacFileHeader.Length; at < intact.Length;)
        {
            int blockLength = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(intact.AsSpan(at + 6));
            int end = at + LacBlockRecord.Overhead + blockLength;
            spans.Add((at, end));
            at = end;
        }
        return spans;
    }
}

/// <summary>The high-order synthesis path against the spec-literal reference on hostile coefficients and residuals.</summary>
public class LacWideSynthesisTests
{
    [Fact]
    public void HighOrderFramesMatchTheReferenceDecoderEvenOutOfContract()
    {
        var random = new Random(1212);
        var output = new int[4096];
        for (int trial = 0; trial < 300; trial++)
        {
            int order = random.Next(4, 33);
            int shift = random.Next(0, 6);
            int n = random.Next(1, 400);
            bool hostile = trial % 3 == 0;
            var coefficients = Enumerable.Range(0, order).Select(_ => (short)(hostile ? random.Next(-32768, 32768) : random.Next(-3000, 3000))).ToArray();
            int magnitude = hostile ? 1 << 23 : 1 << 12;
            var frame = LacVectors.Frame(shift, 0, n, coefficients, w =>
            {
                w.K(23);
                for (int i = 0; i < n; i++)
                {
                    int r = random.Next(-magnitude + 1, magnitude);
                    w.Rice((uint)((r << 1) ^ (r >> 31)), 23);
                }
            });
            var rejection = LacFrameDecoder.TryDecode(frame, output, out int count, out _);
            Assert.Equal(LacRejection.None, rejection);
            var (referenceRejection, expected) = ReferenceLacDecoder.Decode(frame);
            Assert.Equal(LacRejection.None, referenceRejection);
            Assert.Equal(expected, output[..count]);
        }
    }
}
