using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

public class LacFrameHeaderTests
{
    [Fact]
    public void WriteToProducesTheGoldenBytesAndParseReadsThemBack()
    {
        var header = new LacFrameHeader(partitionOrder: 2, coefficientShift: 1, frameSampleCount: 4096, [16384, -8192, 1]);
        var bytes = new byte[header.Length];
        Assert.Equal(13, header.WriteTo(bytes));
        byte[] golden = [0x1A, 0xCC, 0x03, 0x02, 0x01, 0x10, 0x00, 0x40, 0x00, 0xE0, 0x00, 0x00, 0x01];
        Assert.Equal(golden, bytes);
        var parsed = LacFrameHeader.Parse(golden);
        Assert.Equal(header, parsed);
        Assert.Equal(3, parsed.PredictionOrder);
        Assert.Equal(2, parsed.PartitionOrder);
        Assert.Equal(4, parsed.PartitionCount);
        Assert.Equal(1024, parsed.PartitionLength);
        Assert.Equal(1, parsed.CoefficientShift);
        Assert.Equal(4096, parsed.FrameSampleCount);
        Assert.Equal(new short[] { 16384, -8192, 1 }, parsed.Coefficients.ToArray());
    }

    [Fact]
    public void VerbatimHeaderIsSevenBytes()
    {
        var header = new LacFrameHeader(0, 0, 65535, []);
        var bytes = new byte[7];
        header.WriteTo(bytes);
        Assert.Equal(new byte[] { 0x1A, 0xCC, 0, 0, 0, 0xFF, 0xFF }, bytes);
        Assert.True(LacFrameHeader.Parse(bytes).IsVerbatim);
    }

    [Theory]
    [InlineData(33, 0, 0, 1, LacRejection.PredictionOrderOutOfRange)]
    [InlineData(1, 8, 0, 256, LacRejection.PartitionOrderOutOfRange)]
    [InlineData(1, 0, 6, 1, LacRejection.CoefficientShiftOutOfRange)]
    [InlineData(0, 0, 1, 1, LacRejection.VerbatimWithShift)]
    [InlineData(0, 0, 0, 0, LacRejection.ZeroSampleCount)]
    [InlineData(0, 3, 0, 12, LacRejection.SampleCountNotDivisible)]
    [InlineData(32, 7, 5, 65408, LacRejection.None)]
    public void ValidateNamesTheFirstViolation(int order, int partitionOrder, int shift, int count, LacRejection expected)
    {
        Assert.Equal(expected, LacFrameHeader.Validate(order, partitionOrder, shift, count));
        if (expected != LacRejection.None)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new LacFrameHeader(partitionOrder, shift, count, new short[order]));
        }
    }

    [Fact]
    public void TryParseReportsTheClassWithoutThrowing()
    {
        Assert.False(LacFrameHeader.TryParse([0x1A, 0xCC, 0, 0, 0, 0], out _, out var rejection));
        Assert.Equal(LacRejection.Truncated, rejection);
        Assert.False(LacFrameHeader.TryParse([0x1A, 0xCC, 2, 0, 0, 0, 1, 0, 0], out _, out rejection));
        Assert.Equal(LacRejection.Truncated, rejection);
        var e = Assert.Throws<LacFormatException>(() => LacFrameHeader.Parse([0xFF, 0xF1, 0, 0, 0, 0, 1]));
        Assert.Equal(LacRejection.SyncWordMismatch, e.Rejection);
    }

    [Fact]
    public void RoundingVectorsFollowTheSpecExamples()
    {
        int[] Decode(string name)
        {
            var vector = LacVectors.All().Single(v => v.Name == name);
            var samples = new int[16];
            int n = LacFrameDecoder.Decode(vector.Bytes, samples);
            return samples[..n];
        }
        // 3.6: sum -32769 at s = 15 -> (-16385) >> 15 = -1, where truncating division would give 0.
        Assert.Equal(new[] { 32769, -1 }, Decode("round_half_up_negative"));
        Assert.Equal(new[] { 16384, 1 }, Decode("round_half_tie_positive"));
        Assert.Equal(new[] { 16384, 0 }, Decode("round_half_tie_negative"));
        // warm-up with [4, -6, 4, -1] in Q12: 5; 1 + (81920 + 2048) >> 12 = 21; -2 + 54 = 52; 0 + 102 = 102.
        Assert.Equal(new[] { 5, 21, 52, 102 }, Decode("warm_up_truncated_terms")[..4]);
    }

    [Fact]
    public void BitWriterAndReaderAgreeMsbFirst()
    {
        var buffer = new byte[64];
        var writer = new LacBitWriter(buffer);
        writer.WriteBits(0b101, 3);
        writer.WriteRice(9, 2);          // q = 2: 001, remainder 01
        writer.WriteBits(0xFFFFFFFF, 32);
        writer.WriteUnary(40);
        int length = writer.Flush();
        Assert.Equal(0b1010_0101, buffer[0]);
        var reader = new LacBitReader(buffer.AsSpan(0, length));
        Assert.True(reader.TryReadBits(3, out uint a));
        Assert.Equal(5u, a);
        Assert.Equal(LacRejection.None, reader.ReadUnary(uint.MaxValue, out uint q));
        Assert.Equal(2u, q);
        Assert.True(reader.TryReadBits(2, out uint r));
        Assert.Equal(1u, r);
        Assert.True(reader.TryReadBits(32, out uint all));
        Assert.Equal(uint.MaxValue, all);
        Assert.Equal(LacRejection.None, reader.ReadUnary(uint.MaxValue, out q));
        Assert.Equal(40u, q);
        Assert.Equal(LacRejection.UnaryRunTooLong, new LacBitReader(new byte[8]).ReadUnary(10, out _));
        Assert.Equal(LacRejection.Truncated, new LacBitReader(new byte[8]).ReadUnary(100, out _));
    }
}
