using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

public class LacFrameRoundTripTests
{
    private static int[] RoundTrip(int[] samples, LacEncoderOptions? options = null)
    {
        var encoder = new LacFrameEncoder(options);
        var frame = new byte[LacFrameEncoder.MaxFrameLength(samples.Length)];
        int length = encoder.Encode(samples, frame);
        var decoded = new int[samples.Length];
        int count = LacFrameDecoder.Decode(frame.AsSpan(0, length), decoded, out int consumed);
        Assert.Equal(samples.Length, count);
        Assert.Equal(length, consumed);
        Assert.Equal(samples, decoded);
        return decoded;
    }

    public static TheoryData<string> Signals() => new() { "silence", "sine", "square", "noise", "full-scale-noise", "ramp", "nyquist", "impulses", "tone-24bit" };

    internal static int[] Make(string name, int n, int seed = 1)
    {
        var random = new Random(seed);
        var x = new int[n];
        const int max = LacFrameEncoder.MaxSampleMagnitude;
        for (int i = 0; i < n; i++)
        {
            x[i] = name switch
            {
                "silence" => 0,
                "sine" => (int)Math.Round(20000 * Math.Sin(i * 0.03)),
                "square" => (i / 50) % 2 == 0 ? 32767 : -32768,
                "noise" => random.Next(-3000, 3000),
                "full-scale-noise" => random.Next(-max, max + 1),
                "ramp" => i * 37 - 50000,
                "nyquist" => i % 2 == 0 ? max : -max,
                "impulses" => i % 97 == 0 ? max : 0,
                "tone-24bit" => (int)Math.Round(max * 0.99 * Math.Sin(i * 0.001) * Math.Cos(i * 0.0003)),
                _ => throw new ArgumentException(name),
            };
        }
        return x;
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void EverySignalRoundTripsBitExact(string signal)
    {
        foreach (int n in new[] { 1, 2, 3, 7, 31, 32, 33, 255, 4095, 4096, 4097, 65535 })
        {
            RoundTrip(Make(signal, n));
        }
    }

    [Theory]
    [InlineData(LacOrderSearch.Estimated)]
    [InlineData(LacOrderSearch.Grid)]
    [InlineData(LacOrderSearch.Exhaustive)]
    public void EverySearchRoundTrips(LacOrderSearch search)
    {
        var options = new LacEncoderOptions { OrderSearch = search, SecondWindow = true };
        foreach (var signal in new[] { "sine", "noise", "tone-24bit", "square" })
        {
            RoundTrip(Make(signal, 4096), options);
        }
    }

    [Fact]
    public void SilenceIsVerbatimWithTheMinimumPayload()
    {
        var encoder = new LacFrameEncoder();
        var frame = new byte[LacFrameEncoder.MaxFrameLength(4096)];
        int length = encoder.Encode(new int[4096], frame);
        var header = LacFrameHeader.Parse(frame);
        Assert.Equal(0, header.PredictionOrder);
        Assert.Equal(0, header.PartitionOrder);
        // spec 5.1: 5 + frame_sample_count bits.
        Assert.Equal(7 + (5 + 4096 + 7) / 8, length);
    }

    [Fact]
    public void SmoothSignalsCompress()
    {
        var samples = Make("sine", 4096);
        var frame = new byte[LacFrameEncoder.MaxFrameLength(4096)];
        int length = new LacFrameEncoder().Encode(samples, frame);
        Assert.True(length < 4096 * 2 / 4, $"a 16-bit sine took {length} bytes");
    }

    [Fact]
    public void OutOfContractInputIsRefused()
    {
        var frame = new byte[LacFrameEncoder.MaxFrameLength(4)];
        var encoder = new LacFrameEncoder();
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([0, 1 << 23, 0, 0], frame));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([0, -(1 << 23), 0, 0], frame));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(new int[65536], new byte[LacFrameEncoder.MaxFrameLength(65536)]));
    }
}
