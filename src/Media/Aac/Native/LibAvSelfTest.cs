using Hark.Media.Errors;

namespace Hark.Media.Aac.Native;

/// <summary>Decodes the embedded frames; wrong offsets show up as a wrong count, format or silence, not a crash.</summary>
internal static class LibAvSelfTest
{
    public static void Run()
    {
        using var decoder = new AacDecoder(LibAvSelfTestFrames.AudioSpecificConfig, 8000, 1);
        var samples = new float[AacDecoder.MaxSamplesPerFrame];
        int first = decoder.Decode(LibAvSelfTestFrames.First, samples);
        int second = decoder.Decode(LibAvSelfTestFrames.Second, samples);
        if (first != AacDecoder.SamplesPerFrame || second != AacDecoder.SamplesPerFrame)
        {
            throw new AacDecodeException($"self-test: decoded {first} and {second} samples, expected {AacDecoder.SamplesPerFrame} each");
        }
        float peak = 0;
        foreach (float s in samples.AsSpan(0, second))
        {
            peak = Math.Max(peak, Math.Abs(s));
        }
        // The sine was encoded at 0.125 full scale; allow the codec's error, reject silence or garbage.
        if (!(peak is > 0.05f and < 0.5f))
        {
            throw new AacDecodeException($"self-test: decoded peak {peak} is not the encoded sine's");
        }
    }
}
