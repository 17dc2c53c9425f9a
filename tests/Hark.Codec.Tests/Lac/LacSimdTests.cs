using System.Runtime.Intrinsics;
using FsCheck.Xunit;
using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

/// <summary>
/// The Vector256 paths against the scalar ones (what a machine without AVX2 runs, forced here through
/// <see cref="LacSimd.ScalarOnly"/>): the same frames, blocks and decoded samples, bit for bit, on random and edge input.
/// </summary>
public class LacSimdTests
{
    private static readonly LacEncoderOptions[] Settings =
    [
        LacEncoderOptions.Default,
        LacEncoderOptions.Fast,
        LacEncoderOptions.Default with { OrderSearch = LacOrderSearch.Exhaustive, MaxPredictionOrder = 12 },
        LacEncoderOptions.Default with { OrderSearch = LacOrderSearch.Grid, EstimatedNeighbours = 2 },
        LacEncoderOptions.Default with { MaxPredictionOrder = 3, MaxPartitionOrder = 2 },
    ];

    /// <summary>Signals of many shapes: tones, noise, steps, full-scale square waves, silence with one spike, ...</summary>
    internal static int[] Signal(int length, int seed, int shape, int bits)
    {
        var random = new Random(seed);
        int peak = bits == 24 ? LacFrameEncoder.MaxSampleMagnitude : (1 << (bits - 1)) - 1;
        var x = new int[length];
        double f = 0.001 + random.NextDouble() * 0.3;
        for (int i = 0; i < length; i++)
        {
            double v = (shape % 8) switch
            {
                0 => Math.Sin(i * f) * 0.9 + random.NextDouble() * 0.01,
                1 => random.NextDouble() * 2 - 1,
                2 => i % 97 < 48 ? 1 : -1,
                3 => i == length / 2 ? 1 : 0,
                4 => (i / 300) % 2 == 0 ? 0.3 : -0.7,
                5 => Math.Sin(i * f) * Math.Sin(i * 0.0007) + 0.1 * Math.Sin(i * f * 7.1),
                6 => (random.NextDouble() * 2 - 1) * 1e-4,
                _ => i % 2 == 0 ? 1 : -1,
            };
            x[i] = (int)Math.Clamp(Math.Round(v * peak), -peak, peak);
        }
        return x;
    }

    private static byte[] EncodeFrame(int[] samples, LacEncoderOptions options)
    {
        var frame = new byte[LacFrameEncoder.MaxFrameLength(samples.Length)];
        int length = new LacFrameEncoder(options).Encode(samples, frame);
        return frame[..length];
    }

    [Property(MaxTest = 150)]
    public bool FramesAreTheSameWithAndWithoutVectors(ushort length, int seed, byte shape, bool deep, byte setting)
    {
        var samples = Signal(length % 9000 + 1, seed, shape, deep ? 24 : 16);
        var options = Settings[setting % Settings.Length];
        var vector = EncodeFrame(samples, options);
        byte[] scalar;
        using (LacSimd.ScalarOnly())
        {
            scalar = EncodeFrame(samples, options);
        }
        var decoded = new int[samples.Length];
        int vectorCount = LacFrameDecoder.Decode(vector, decoded);
        var scalarDecoded = new int[samples.Length];
        using (LacSimd.ScalarOnly())
        {
            LacFrameDecoder.Decode(vector, scalarDecoded);
        }
        return vector.AsSpan().SequenceEqual(scalar) && vectorCount == samples.Length
            && decoded.AsSpan().SequenceEqual(samples) && scalarDecoded.AsSpan().SequenceEqual(samples);
    }

    [Property(MaxTest = 60)]
    public bool StereoBlocksAreTheSameWithAndWithoutVectors(ushort length, int seed, byte shape, byte setting)
    {
        int n = length % 5000 + 1;
        var left = Signal(n, seed, shape, 16);
        var right = Signal(n, seed + 1, shape + 1, 16);
        var interleaved = new int[2 * n];
        for (int i = 0; i < n; i++)
        {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = (left[i] + right[i]) / 2;
        }
        var options = Settings[setting % Settings.Length];
        var destination = new byte[LacBlockCodec.MaxBlockLength(n, 2)];
        int vectorLength = new LacBlockCodec(options).EncodeBlock(interleaved, 2, destination);
        var vector = destination[..vectorLength];
        byte[] scalar;
        using (LacSimd.ScalarOnly())
        {
            int scalarLength = new LacBlockCodec(options).EncodeBlock(interleaved, 2, destination);
            scalar = destination[..scalarLength];
        }
        var back = new int[2 * LacFrameHeader.MaxFrameSampleCount];
        int samples = new LacBlockCodec().DecodeBlock(vector, 2, back);
        return vector.AsSpan().SequenceEqual(scalar) && samples == n && back.AsSpan(0, 2 * n).SequenceEqual(interleaved);
    }

    /// <summary>
    /// Synthesis with arbitrary coefficients and residuals, far outside what an encoder makes (a hostile stream):
    /// the wide vector path and the scalar path must wrap identically.
    /// </summary>
    [Property(MaxTest = 200)]
    public bool HostileSynthesisIsTheSameWithAndWithoutVectors(ushort length, int seed, byte order, byte shift)
    {
        var random = new Random(seed);
        int n = length % 3000 + 1;
        int p = order % 32 + 1;
        var residuals = new int[n];
        for (int i = 0; i < n; i++)
        {
            residuals[i] = random.Next(4) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-70000, 70000);
        }
        var coefficients = new long[p];
        for (int j = 0; j < p; j++)
        {
            coefficients[j] = random.Next(short.MinValue, short.MaxValue + 1);
        }
        int s = 15 - shift % 6;
        var vector = residuals.ToArray();
        LacFrameDecoder.Synthesize(vector, coefficients, s);
        var scalar = residuals.ToArray();
        using (LacSimd.ScalarOnly())
        {
            LacFrameDecoder.Synthesize(scalar, coefficients, s);
        }
        return vector.AsSpan().SequenceEqual(scalar);
    }

    [Property(MaxTest = 300)]
    public bool AutocorrelationIsTheSameBitsWithAndWithoutVectors(ushort length, int seed, byte lags)
    {
        var random = new Random(seed);
        int n = length % 5000 + 1;
        int maxLag = Math.Min(lags % 33, n - 1);
        var padded = new double[n + LacLpc.Padding];
        for (int i = 0; i < n; i++)
        {
            padded[i] = (random.NextDouble() * 2 - 1) * (1 << random.Next(24));
        }
        var vector = new double[33];
        LacLpc.Autocorrelation(padded, n, vector, maxLag);
        var scalar = new double[33];
        using (LacSimd.ScalarOnly())
        {
            LacLpc.Autocorrelation(padded, n, scalar, maxLag);
        }
        // and both are the autocorrelation: within rounding of a plain sum.
        for (int lag = 0; lag <= maxLag; lag++)
        {
            double plain = 0, magnitude = 0;
            for (int i = 0; i + lag < n; i++)
            {
                plain += padded[i] * padded[i + lag];
                magnitude += Math.Abs(padded[i] * padded[i + lag]);
            }
            if (Math.Abs(plain - vector[lag]) > 1e-12 * magnitude + 1e-300)
            {
                return false;
            }
        }
        return vector.AsSpan().SequenceEqual(scalar);
    }

    [Fact]
    public void TheSwitchSelectsTheScalarPathsOnItsThreadOnly()
    {
        Assert.Equal(Vector256.IsHardwareAccelerated, LacSimd.Enabled);
        using (LacSimd.ScalarOnly())
        {
            Assert.False(LacSimd.Enabled);
            bool other = true;
            var thread = new Thread(() => other = LacSimd.Enabled);
            thread.Start();
            thread.Join();
            Assert.Equal(Vector256.IsHardwareAccelerated, other);
        }
        Assert.Equal(Vector256.IsHardwareAccelerated, LacSimd.Enabled);
    }

    /// <summary>Edge lengths around the vector widths and the partition sizes, at full 24-bit scale.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(65535)]
    public void EdgeLengthsAreTheSameWithAndWithoutVectors(int length)
    {
        for (int shape = 0; shape < 8; shape++)
        {
            var samples = Signal(length, shape, shape, 24);
            var vector = EncodeFrame(samples, LacEncoderOptions.Default);
            byte[] scalar;
            using (LacSimd.ScalarOnly())
            {
                scalar = EncodeFrame(samples, LacEncoderOptions.Default);
            }
            Assert.Equal(vector, scalar);
        }
    }
}
