using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

public class LacFileTests
{
    private const int BlockSize = 1024;

    private static int[] Signal(int frames, int channels, int seed = 1)
    {
        var random = new Random(seed);
        var x = new int[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                x[i * channels + c] = (int)(10000 * Math.Sin(i * 0.013 * (c + 1))) + random.Next(-20, 20);
            }
        }
        return x;
    }

    private static byte[] Write(int[] samples, int channels, bool seekable = true, int bits = 16, int jobs = 1)
    {
        var stream = new MemoryStream();
        Stream target = seekable ? stream : new ForwardOnlyStream(stream);
        using (var writer = new LacFileWriter(target, 44100, channels, bits, new LacEncoderOptions { BlockSize = BlockSize }, leaveOpen: true, jobs))
        {
            // uneven pieces, so the writer's block assembly is exercised
            int position = 0;
            var random = new Random(2);
            while (position < samples.Length)
            {
                int take = Math.Min(samples.Length - position, random.Next(1, 3000) * channels);
                writer.Write(samples.AsSpan(position, take));
                position += take;
            }
        }
        return stream.ToArray();
    }

    private static (int[] Samples, LacFileReader Reader) Read(byte[] file)
    {
        var reader = new LacFileReader(new MemoryStream(file));
        var all = new List<int>();
        var buffer = new int[reader.Header.BlockSize * reader.Header.Channels];
        while (reader.ReadBlock(buffer) is int n and > 0)
        {
            all.AddRange(buffer.AsSpan(0, n * reader.Header.Channels));
        }
        return (all.ToArray(), reader);
    }

    /// <summary>
    /// Blocks encode independently, so any number of threads must give the very bytes of one: enough blocks here for
    /// several batches in flight at once (16 blocks each), a short last block, and a pipe as well as a seekable file.
    /// </summary>
    [Theory]
    [InlineData(2, 2, 100 * BlockSize + 17, true)]
    [InlineData(1, 3, 70 * BlockSize, false)]
    [InlineData(6, 4, 9 * BlockSize + 1, true)]
    [InlineData(2, 2, 5, true)]
    public void ManyJobsWriteTheBytesOfOne(int channels, int jobs, int frames, bool seekable)
    {
        var samples = Signal(frames, channels, seed: 3);
        var one = Write(samples, channels, seekable);
        var many = Write(samples, channels, seekable, jobs: jobs);
        Assert.Equal(one, many);
        var (decoded, reader) = Read(many);
        Assert.Equal(samples, decoded);
        Assert.Equal(0, reader.DamageCount);
    }

    [Theory]
    [InlineData(1, 5000)]
    [InlineData(2, 1024)]
    [InlineData(2, 1025)]
    [InlineData(6, 3333)]
    public void FilesRoundTripWithTheirHeader(int channels, int frames)
    {
        var x = Signal(frames, channels);
        var file = Write(x, channels);
        var (samples, reader) = Read(file);
        Assert.Equal(x, samples);
        Assert.Equal(0, reader.DamageCount);
        Assert.Equal((ulong)frames, reader.Header.TotalSamples);
        Assert.Equal(44100, reader.Header.SampleRate);
        Assert.Equal(channels, reader.Header.Channels);
        Assert.Equal(16, reader.Header.BitsPerSample);
        Assert.Equal(BlockSize, reader.Header.BlockSize);
        var summary = LacFileSummary.Inspect(new MemoryStream(file));
        Assert.Equal((frames + BlockSize - 1) / BlockSize, summary.Blocks);
        Assert.Equal(frames, summary.BlockSamples);
        Assert.Equal(file.Length, summary.FileBytes);
        Assert.Equal(0, summary.DamagedBlocks);
    }

    [Fact]
    public void HeaderHasTheDocumentedGoldenBytes()
    {
        var header = new LacFileHeader(48000, 2, 24, 123456789, 4096);
        var bytes = new byte[LacFileHeader.Length];
        header.WriteTo(bytes);
        Assert.Equal("484C414301021800", Convert.ToHexString(bytes, 0, 8));
        Assert.Equal("0000BB80", Convert.ToHexString(bytes, 8, 4));
        Assert.Equal("00000000075BCD15", Convert.ToHexString(bytes, 12, 8));
        Assert.Equal("10000000", Convert.ToHexString(bytes, 20, 4));
        Assert.Equal(header, LacFileHeader.Parse(bytes));
        bytes[9] ^= 1;
        Assert.Throws<LacContainerException>(() => LacFileHeader.Parse(bytes));
    }

    [Fact]
    public void APipeGetsAnUnknownLengthAndStillReads()
    {
        var x = Signal(2500, 2);
        var file = Write(x, 2, seekable: false);
        var (samples, reader) = Read(file);
        Assert.False(reader.Header.TotalSamplesKnown);
        Assert.Equal(x, samples);
    }

    [Fact]
    public void ACorruptBlockBecomesSilenceAndTheRestDecodes()
    {
        var x = Signal(5 * BlockSize, 2);
        var file = Write(x, 2);
        // a byte in the middle of block 2's payload
        int offset = BlockOffset(file, 2) + LacBlockRecord.PrefixLength + 40;
        file[offset] ^= 0x5A;
        var (samples, reader) = Read(file);
        Assert.Equal(x.Length, samples.Length);
        var damage = Assert.Single(reader.Damage);
        Assert.Equal(2, damage.BlockIndex);
        Assert.Equal(BlockSize, damage.SilencedSamples);
        Assert.Equal(2 * BlockSize, damage.SamplePosition);
        Assert.Contains("CRC", damage.Reason);
        for (int block = 0; block < 5; block++)
        {
            var expected = block == 2 ? new int[BlockSize * 2] : x.AsSpan(block * BlockSize * 2, BlockSize * 2).ToArray();
            Assert.Equal(expected, samples.AsSpan(block * BlockSize * 2, BlockSize * 2).ToArray());
        }
        Assert.ThrowsAny<FormatException>(() => ReadStrict(file));
    }

    [Theory]
    [InlineData(+37)]
    [InlineData(-37)]
    public void ADamagedLengthFieldSilencesOnlyItsOwnBlock(int change)
    {
        // block_length is covered by the CRC; a reader that trusted a damaged one would land inside (or past) block 3
        // and lose that intact block too.
        var x = Signal(6 * BlockSize, 2);
        var file = Write(x, 2);
        int lengthAt = BlockOffset(file, 2) + 6;
        int length = (file[lengthAt] << 24) | (file[lengthAt + 1] << 16) | (file[lengthAt + 2] << 8) | file[lengthAt + 3];
        int damaged = length + change;
        file[lengthAt + 2] = (byte)(damaged >> 8);
        file[lengthAt + 3] = (byte)damaged;

        var (samples, reader) = Read(file);

        Assert.Equal(x.Length, samples.Length);
        for (int block = 0; block < 6; block++)
        {
            var expected = block == 2 ? new int[BlockSize * 2] : x.AsSpan(block * BlockSize * 2, BlockSize * 2).ToArray();
            Assert.True(expected.AsSpan().SequenceEqual(samples.AsSpan(block * BlockSize * 2, BlockSize * 2)), $"block {block}");
        }
        Assert.Equal(BlockSize, reader.Damage.Sum(d => d.SilencedSamples));
        Assert.All(reader.Damage, d => Assert.Equal(2, d.BlockIndex));
    }

    [Fact]
    public void ARejectedFrameIsReportedWithItsClass()
    {
        var x = Signal(3 * BlockSize, 1);
        var file = Write(x, 1);
        // block 1's frame: partition_order := 9, then fix the record CRC so only the frame check can catch it
        int record = BlockOffset(file, 1);
        int frame = record + LacBlockRecord.PrefixLength + LacBlockCodec.HeaderLength(1);
        file[frame + 3] = 9;
        int length = (file[record + 6] << 24) | (file[record + 7] << 16) | (file[record + 8] << 8) | file[record + 9];
        uint crc = LacBlockRecord.ComputeCrc(file.AsSpan(record), file.AsSpan(record + LacBlockRecord.PrefixLength, length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + LacBlockRecord.PrefixLength + length), crc);
        var (samples, reader) = Read(file);
        var damage = Assert.Single(reader.Damage);
        Assert.Equal(LacRejection.PartitionOrderOutOfRange, damage.Rejection);
        Assert.Equal(x.Length, samples.Length);
        Assert.Equal(x[..BlockSize], samples[..BlockSize]);
        Assert.Equal(x[(2 * BlockSize)..], samples[(2 * BlockSize)..]);
        var e = Assert.Throws<LacFormatException>(() => ReadStrict(file));
        Assert.Equal(LacRejection.PartitionOrderOutOfRange, e.Rejection);
    }

    [Fact]
    public void GarbageBetweenBlocksIsSkippedAndLostBlocksAreCounted()
    {
        var x = Signal(4 * BlockSize, 1);
        var file = Write(x, 1).ToList();
        int second = BlockOffset([.. file], 1);
        int third = BlockOffset([.. file], 2);
        // replace block 1 with garbage of another length
        file.RemoveRange(second, third - second);
        file.InsertRange(second, Enumerable.Repeat((byte)0xB1, 77));
        var (samples, reader) = Read([.. file]);
        Assert.Equal(x.Length, samples.Length);
        Assert.Equal(x[..BlockSize], samples[..BlockSize]);
        Assert.All(samples[BlockSize..(2 * BlockSize)], s => Assert.Equal(0, s));
        Assert.Equal(x[(2 * BlockSize)..], samples[(2 * BlockSize)..]);
        Assert.Equal(BlockSize, reader.SilencedSamples);
        Assert.True(reader.SkippedBytes >= 77);
    }

    [Fact]
    public void ATruncatedFileIsPaddedWithSilenceToItsStatedLength()
    {
        var x = Signal(3 * BlockSize + 100, 2);
        var file = Write(x, 2);
        var cut = file[..(file.Length - 50)];
        var (samples, reader) = Read(cut);
        Assert.Equal(x.Length, samples.Length);
        Assert.Contains(reader.Damage, d => d.Rejection == LacRejection.Truncated);
        Assert.Equal(x[..(3 * BlockSize * 2)], samples[..(3 * BlockSize * 2)]);
    }

    [Fact]
    public void TheWriterRefusesSamplesOutsideItsBitDepth()
    {
        using var writer = new LacFileWriter(new MemoryStream(), 8000, 1, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write([128]));
        writer.Write([127, -128]);
        using var deep = new LacFileWriter(new MemoryStream(), 8000, 1, 24);
        Assert.Throws<ArgumentOutOfRangeException>(() => deep.Write([-(1 << 23)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LacFileWriter(new MemoryStream(), 8000, 1, 12));
    }

    private static void ReadStrict(byte[] file)
    {
        using var reader = new LacFileReader(new MemoryStream(file), strict: true);
        var buffer = new int[reader.Header.BlockSize * reader.Header.Channels];
        while (reader.ReadBlock(buffer) > 0)
        {
        }
    }

    private static int BlockOffset(byte[] file, int index)
    {
        int position = LacFileHeader.Length;
        for (int i = 0; i < index; i++)
        {
            int length = (file[position + 6] << 24) | (file[position + 7] << 16) | (file[position + 8] << 8) | file[position + 9];
            position += LacBlockRecord.Overhead + length;
        }
        return position;
    }

    /// <summary>A write-only, non-seekable view (a pipe).</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
