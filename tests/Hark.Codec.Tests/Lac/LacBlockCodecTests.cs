using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

public class LacBlockCodecTests
{
    private static int[] RoundTrip(int[] interleaved, int channels, LacEncoderOptions? options, out LacStereoMode mode)
    {
        var codec = new LacBlockCodec(options);
        var block = new byte[LacBlockCodec.MaxBlockLength(interleaved.Length / channels, channels)];
        int length = codec.EncodeBlock(interleaved, channels, block);
        mode = (LacStereoMode)block[0];
        var decoded = new int[interleaved.Length];
        int n = new LacBlockCodec().DecodeBlock(block.AsSpan(0, length), channels, decoded);
        Assert.Equal(interleaved.Length / channels, n);
        Assert.Equal(interleaved, decoded);
        return decoded;
    }

    private static int[] Stereo(int n, Func<int, int> left, Func<int, int> right)
    {
        var x = new int[2 * n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = left(i);
            x[2 * i + 1] = right(i);
        }
        return x;
    }

    [Fact]
    public void CorrelatedStereoUsesASideMode()
    {
        var random = new Random(3);
        var x = Stereo(4096, i => (int)(20000 * Math.Sin(i * 0.02)) + random.Next(-50, 50), i => (int)(20000 * Math.Sin(i * 0.02)) + random.Next(-50, 50));
        RoundTrip(x, 2, null, out var mode);
        Assert.NotEqual(LacStereoMode.Independent, mode);
        RoundTrip(x, 2, new LacEncoderOptions { ExhaustiveStereo = true }, out mode);
        Assert.NotEqual(LacStereoMode.Independent, mode);
    }

    [Fact]
    public void UnrelatedStereoStaysIndependent()
    {
        var random = new Random(4);
        var x = Stereo(4096, i => (int)(20000 * Math.Sin(i * 0.02)), _ => random.Next(-3000, 3000));
        RoundTrip(x, 2, null, out var mode);
        Assert.Equal(LacStereoMode.Independent, mode);
    }

    [Fact]
    public void SideBeyondTheMagnitudeBoundFallsBackToIndependent()
    {
        const int max = LacFrameEncoder.MaxSampleMagnitude;
        // L - R reaches 2^24 - 2: a side channel would break the spec's |sample| <= 2^23 - 1 contract.
        var x = Stereo(1000, i => i % 2 == 0 ? max : -max, i => i % 2 == 0 ? -max : max);
        RoundTrip(x, 2, null, out var mode);
        Assert.Equal(LacStereoMode.Independent, mode);
        RoundTrip(x, 2, new LacEncoderOptions { ExhaustiveStereo = true }, out mode);
        Assert.Equal(LacStereoMode.Independent, mode);
    }

    [Theory]
    [InlineData(LacStereoMode.LeftSide)]
    [InlineData(LacStereoMode.RightSide)]
    [InlineData(LacStereoMode.MidSide)]
    public void EveryStereoModeInvertsExactly(LacStereoMode mode)
    {
        var random = new Random((int)mode);
        const int max = LacFrameEncoder.MaxSampleMagnitude / 2;
        var left = Enumerable.Range(0, 999).Select(_ => random.Next(-max, max)).ToArray();
        var right = Enumerable.Range(0, 999).Select(_ => random.Next(-max, max)).ToArray();
        var a = (int[])left.Clone();
        var b = (int[])right.Clone();
        LacBlockCodec.Decorrelate(mode, a, b);
        LacBlockCodec.Recorrelate(mode, a, b);
        Assert.Equal(left, a);
        Assert.Equal(right, b);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(8)]
    public void MultichannelBlocksRoundTrip(int channels)
    {
        foreach (int n in new[] { 1, 2, 4095, 4096, 4097 })
        {
            var x = new int[n * channels];
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < channels; c++)
                {
                    x[i * channels + c] = (int)(8000 * Math.Sin(i * (0.01 + 0.003 * c))) + c * 100;
                }
            }
            RoundTrip(x, channels, null, out _);
        }
    }

    [Fact]
    public void BrokenBlockStructureIsAContainerError()
    {
        var codec = new LacBlockCodec();
        var x = Stereo(100, i => i, i => -i);
        var block = new byte[LacBlockCodec.MaxBlockLength(100, 2)];
        block = block[..codec.EncodeBlock(x, 2, block)];
        var output = new int[65535 * 2];
        var badMode = (byte[])block.Clone();
        badMode[0] = 9;
        Assert.Throws<LacContainerException>(() => codec.DecodeBlock(badMode, 2, output));
        Assert.Throws<LacContainerException>(() => codec.DecodeBlock(block[..^1], 2, output));
        Assert.Throws<LacContainerException>(() => codec.DecodeBlock([.. block, 0], 2, output));
        Assert.Throws<LacContainerException>(() => codec.DecodeBlock(block[..3], 2, output));
        var badFrame = (byte[])block.Clone();
        badFrame[LacBlockCodec.HeaderLength(2) + 2] = 40; // channel 0's prediction_order
        var e = Assert.Throws<LacFormatException>(() => codec.DecodeBlock(badFrame, 2, output));
        Assert.Equal(LacRejection.PredictionOrderOutOfRange, e.Rejection);
    }

    [Fact]
    public void MaxBlockLengthHoldsTheWorstCase()
    {
        var random = new Random(5);
        const int max = LacFrameEncoder.MaxSampleMagnitude;
        var x = Enumerable.Range(0, 4096 * 2).Select(_ => random.Next(-max, max + 1)).ToArray();
        var codec = new LacBlockCodec();
        var block = new byte[LacBlockCodec.MaxBlockLength(4096, 2)];
        int length = codec.EncodeBlock(x, 2, block);
        Assert.True(length <= block.Length);
        Assert.True(length > 4096 * 2 * 3 * 0.9, "full-scale white noise cannot compress much below 24 bits");
    }
}
