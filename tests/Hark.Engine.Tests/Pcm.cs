using System.Runtime.InteropServices;

namespace Hark.Engine.Tests;

/// <summary>Raw PCM bytes as samples, and the signal measures the tests use.</summary>
internal static class Pcm
{
    public static float[] Floats(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    public static int[] Ints(byte[] bytes) => MemoryMarshal.Cast<byte, int>(bytes).ToArray();

    /// <summary>Signal-to-noise ratio in dB of <paramref name="decoded"/> against <paramref name="reference"/>, one channel.</summary>
    public static double SnrDb(ReadOnlySpan<float> reference, ReadOnlySpan<float> decoded, int channels, int channel, int start, int count)
    {
        double signal = 0, noise = 0;
        for (int i = start; i < start + count; i++)
        {
            double r = reference[i * channels + channel];
            double d = decoded[i * channels + channel] - r;
            signal += r * r;
            noise += d * d;
        }
        return 10 * Math.Log10(signal / Math.Max(noise, 1e-20));
    }

    /// <summary>The lag in [-maxLag, maxLag] where <paramref name="decoded"/> best matches <paramref name="reference"/>.</summary>
    public static int BestLag(ReadOnlySpan<float> reference, ReadOnlySpan<float> decoded, int channels, int channel, int start, int count, int maxLag)
    {
        int best = 0;
        double bestValue = double.MinValue;
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (int i = start; i < start + count; i++)
            {
                sum += reference[i * channels + channel] * decoded[(i + lag) * channels + channel];
            }
            if (sum > bestValue)
            {
                bestValue = sum;
                best = lag;
            }
        }
        return best;
    }
}
