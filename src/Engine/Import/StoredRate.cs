using Hark.Media.Opus;

namespace Hark.Engine.Import;

/// <summary>The rate a recording is stored at against its source's: Opus is always 48 kHz, other codecs keep the source rate.</summary>
internal readonly record struct StoredRate(int Source, int Stored)
{
    public bool Resampled => Source != Stored;

    public static StoredRate For(AudioCodec codec, int sourceRate) =>
        new(sourceRate, codec == AudioCodec.Opus ? OpusFormat.SampleRate : sourceRate);

    /// <summary>A length in source samples as stored samples, rounded up (a bound, not an exact count).</summary>
    public long Scale(long sourceSamples) => !Resampled || sourceSamples >= long.MaxValue / Stored
        ? sourceSamples
        : (sourceSamples * Stored + Source - 1) / Source;
}
