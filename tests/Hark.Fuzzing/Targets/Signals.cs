namespace Hark.Fuzzing.Targets;

/// <summary>Deterministic interleaved PCM for the corpora built in process: tones, noise and silence.</summary>
internal static class Signals
{
    public static int[] Interleaved(int frames, int channels, int bits, int seed)
    {
        var random = new Random(seed);
        int peak = (1 << (bits - 1)) - 1;
        var samples = new int[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                double tone = 0.4 * Math.Sin(2 * Math.PI * (220 + 110 * c) * i / 44100.0);
                double noise = (random.NextDouble() - 0.5) * 0.1;
                // A silent stretch in the middle, where encoders pick their cheapest frames.
                samples[i * channels + c] = i > frames / 3 && i < frames / 2 ? 0 : (int)((tone + noise) * peak);
            }
        }
        return samples;
    }
}
