using System.Buffers.Binary;
using Hark.Codec.Index;

namespace Hark.Codec.Tests.Index;

public sealed class FrameIndexTests
{
    private static int[] RandomSizes(int count, int seed, int max = 900)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(0, max)).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(5000)]
    public void Offsets_sizes_and_samples_match_a_plain_prefix_sum_at_every_frame(int count)
    {
        var sizes = RandomSizes(count, count);
        var index = FrameIndex.FromSizes(sizes, 1024);
        long offset = 0;
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(offset, index.FrameOffset(i));
            Assert.Equal(sizes[i], index.FrameSize(i));
            Assert.Equal(i * 1024L, index.FirstSampleOfFrame(i));
            Assert.Equal(i, index.FrameOfSample(i * 1024L));
            Assert.Equal(i, index.FrameOfSample(i * 1024L + 1023));
            offset += sizes[i];
        }
        Assert.Equal(offset, index.TotalAudioBytes);
        Assert.Equal(offset, index.FrameOffset(count));
        Assert.Equal(count, index.FrameCount);
        Assert.Equal(count * 1024L, index.TotalSamples);
    }

    [Fact]
    public void Lookups_outside_the_table_are_rejected()
    {
        var index = FrameIndex.FromSizes([10, 20, 30], 1024);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FrameSize(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FrameSize(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FrameOffset(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FrameOfSample(3 * 1024));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FrameOfSample(-1));
    }

    [Fact]
    public void A_short_last_frame_is_allowed_and_nothing_else()
    {
        var index = FrameIndex.FromSizes([10, 20, 30], 4096, totalSamples: 2 * 4096 + 100);
        Assert.Equal(100, index.SamplesInFrame(2));
        Assert.Equal(4096, index.SamplesInFrame(0));
        Assert.Equal(2, index.FrameOfSample(2 * 4096 + 99));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FrameOfSample(2 * 4096 + 100));
        Assert.Throws<InvalidDataException>(() => FrameIndex.FromSizes([10, 20, 30], 4096, totalSamples: 2 * 4096));
        Assert.Throws<InvalidDataException>(() => FrameIndex.FromSizes([10, 20, 30], 4096, totalSamples: 3 * 4096 + 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Sizes_serialize_little_endian_and_read_back(int width)
    {
        var sizes = RandomSizes(1000, 7, max: width == 2 ? 65536 : 200_000);
        var index = FrameIndex.FromSizes(sizes, 1024);
        if (width == 2 && index.SizeWidth == 4)
        {
            return;
        }
        var bytes = index.SerializeSizes(width);
        Assert.Equal(1000 * width, bytes.Length);
        Assert.Equal(sizes[1], width == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(width)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(width)));
        var back = FrameIndex.DeserializeSizes(bytes, width, 1024);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(index.FrameOffset(i), back.FrameOffset(i));
        }
    }

    [Fact]
    public void Frames_over_65535_bytes_need_32_bit_sizes()
    {
        var index = FrameIndex.FromSizes([100, 70_000], 4096);
        Assert.Equal(4, index.SizeWidth);
        Assert.Throws<InvalidOperationException>(() => index.SerializeSizes(2));
        Assert.Equal(2, FrameIndex.FromSizes([100, 65_535], 4096).SizeWidth);
    }

    [Fact]
    public void Malformed_serialized_tables_are_rejected()
    {
        Assert.Throws<InvalidDataException>(() => FrameIndex.DeserializeSizes(new byte[3], 2, 1024));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameIndex.DeserializeSizes(new byte[4], 3, 1024));
        var huge = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(huge, uint.MaxValue);
        Assert.Throws<InvalidDataException>(() => FrameIndex.DeserializeSizes(huge, 4, 1024));
    }

    [Fact]
    public void Large_frames_keep_offsets_exact_across_blocks()
    {
        // 600 frames of 16 MiB: offsets exceed 32 bits, in-block offsets stay inside them.
        var sizes = Enumerable.Repeat(FrameIndex.MaxFrameSize, 600).ToArray();
        var index = FrameIndex.FromSizes(sizes, 1);
        Assert.Equal(599L * FrameIndex.MaxFrameSize, index.FrameOffset(599));
        Assert.Equal(FrameIndex.MaxFrameSize, index.FrameSize(599));
        Assert.Equal(FrameIndex.MaxFrameSize, index.FrameSize(255));
        Assert.Equal(600L * FrameIndex.MaxFrameSize, index.TotalAudioBytes);
    }

    [Fact]
    public void Aac_sized_tables_use_16_bit_in_block_offsets_and_large_frames_widen_them()
    {
        var aac = FrameIndex.FromSizes(Enumerable.Repeat(1536, 10_000).ToArray(), 1024); // the largest stereo AAC frame
        Assert.InRange(aac.MemoryBytes, 10_000 * 2, 10_000 * 2 + 10_000 / 4 + 64);
        var sizes = Enumerable.Repeat(460, 10_000).ToArray();
        sizes[5_000] = 70_000;
        var mixed = FrameIndex.FromSizes(sizes, 1024);
        Assert.True(mixed.MemoryBytes >= 10_000 * 4);
        Assert.Equal(5_000L * 460 + 70_000, mixed.FrameOffset(5_001));
        Assert.Equal(70_000, mixed.FrameSize(5_000));
        Assert.Equal(460, mixed.FrameSize(9_999));
    }

    [Fact]
    public void A_builder_page_widens_when_a_frame_exceeds_16_bits()
    {
        var builder = new FrameIndexBuilder(1024);
        for (int i = 0; i < 100_000; i++)
        {
            builder.Add(i == 70_000 ? 1_000_000 : i % 60_000);
        }
        Assert.Equal(69_999 % 60_000, builder.SizeOf(69_999));
        Assert.Equal(1_000_000, builder.SizeOf(70_000));
        Assert.Equal(70_001 % 60_000, builder.SizeOf(70_001));
        Assert.Equal(4, builder.SizeWidth);
        var bytes = new byte[8];
        Assert.Equal(8, builder.WriteSizes(69_999, bytes, 4));
        Assert.Equal(1_000_000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Throws<InvalidOperationException>(() => builder.WriteSizes(0, bytes, 2));
    }

    [Fact]
    public void The_builder_grows_past_one_page()
    {
        var builder = new FrameIndexBuilder(1024);
        for (int i = 0; i < 70_000; i++)
        {
            builder.Add(i % 500);
        }
        Assert.Equal(70_000, builder.FrameCount);
        Assert.Equal(69_999 % 500, builder.SizeOf(69_999));
        var index = builder.Build();
        Assert.Equal(Enumerable.Range(0, 70_000).Sum(i => (long)(i % 500)), index.TotalAudioBytes);
    }
}
